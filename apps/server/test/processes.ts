import { readdirSync, readFileSync } from 'node:fs';

/*
 * What Linux's /proc says of a process: its children, its command line, the nice value of each of its
 * threads (P5: the export worker's priority). Linux only.
 */

/** The pids of `pid`'s child processes (every thread's list: a child belongs to the thread that made it). */
export function childrenOf(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
    try {
      return readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    } catch {
      return []; // A thread that ended meanwhile.
    }
  });
}

/** `pid`'s command line, its arguments joined by spaces; '' once it has ended. */
export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** The nice value of each thread of `pid` (/proc/<pid>/task/<tid>/stat: the 19th field, the 17th after "(comm)"). */
export function niceOfThreads(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    } catch {
      return [];
    }
  });
}

/** Whether a process `pid` still runs (a zombie not yet reaped counts as ended). */
export function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The export worker processes among `pid`'s children. */
export const exportWorkersOf = (pid: number): number[] =>
  childrenOf(pid).filter((child) => commandOf(child).includes('export-worker'));
