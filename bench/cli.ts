/**
 * The command-line side of a benchmark: integer options with bounds, the open-files check, a hard
 * deadline for the whole run, a gc() for the driver itself, and the machine line printed first.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { killAllChildren } from './children.ts';

/** `value` as an integer from `min` to `max`, or exit with a message naming `--name`. */
export function int(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be an integer from ${min} to ${max}`);
    process.exit(2);
  }
  return n;
}

/** `value` as one of `choices` (or undefined when absent), or exit with a message naming `--name`. */
export function oneOf<T extends string>(name: string, value: string | undefined, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!choices.includes(value as T)) {
    console.error(`--${name} must be one of ${choices.join(', ')}`);
    process.exit(2);
  }
  return value as T;
}

/** Exits with advice when `sockets` (+ a margin) would not fit under the soft open-files limit. */
export function checkOpenFiles(sockets: number, option: string): void {
  const limit = (() => {
    try {
      const line = readFileSync('/proc/self/limits', 'utf8')
        .split('\n')
        .find((l) => l.startsWith('Max open files'));
      const soft = line?.split(/\s{2,}/)[1];
      return soft === undefined || soft === 'unlimited' ? Infinity : Number(soft);
    } catch {
      return Infinity;
    }
  })();
  if (sockets + 200 > limit) {
    console.error(
      `${option} needs more open files than the limit (${limit}); ` +
        `raise it first, e.g. \`ulimit -n ${Math.max(65536, sockets * 2)}\` in the same shell.`,
    );
    process.exit(2);
  }
}

/** Kills every child and exits after `minutes`, however far the benchmark got. */
export function hardStop(name: string, minutes: number): void {
  const timer = setTimeout(() => {
    console.error(`${name}: stopped after --max-minutes ${minutes}`);
    killAllChildren();
    process.exit(3);
  }, minutes * 60_000);
  timer.unref();
}

/** gc() for the driver process itself (between runs, so one run's garbage does not land in the next). */
export function driverGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** CPUs, their model, Node and the load average, for the first line of a benchmark's output. */
export const machine = () =>
  `${availableParallelism()} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}, load ${load()}`;

export const kb = (bytes: number) => (bytes / 1024).toFixed(1);
export const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '-');
