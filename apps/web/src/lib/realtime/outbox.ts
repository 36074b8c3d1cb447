import type { Ack, CommandRequest, ErrorBody } from '@vrijuit/protocol';

/**
 * The outbox, as pure functions over an immutable list (tested in outbox.test.ts; the runes wrapper
 * is outbox-queue.svelte.ts). Every command that carries a commandId goes through it, so that:
 * - each input is visible as pending until the server acked it, then sent or failed;
 * - pending commands survive a reload and are re-sent with the SAME commandId (the server answers a
 *   retry with its stored ack and counts the command once, R2).
 */

export const OUTBOX_COMMANDS = [
  'round:create',
  'round:open',
  'round:close',
  'round:lock',
  'round:reveal',
  'round:timer',
  'round:rerun',
  'session:next',
  'round:show',
  'vote:cast',
  'painpoint:submit',
  'painpoint:support',
  'painpoint:hide',
  'painpoint:approve',
  'painpoint:merge',
  'painpoint:theme',
  'painpoint:add-theme',
  'paper:vote',
  'paper:painpoint',
] as const;
export type OutboxName = (typeof OUTBOX_COMMANDS)[number];

export type OutboxCommand = { [N in OutboxName]: { name: N; request: CommandRequest<N> } }[OutboxName];

export type EntryState = 'pending' | 'sent' | 'failed';

export type OutboxEntry = OutboxCommand & {
  /** Groups entries whose latest status the UI shows together, e.g. `vote:<roundId>`. */
  slot: string;
  state: EntryState;
  error: ErrorBody | null;
};

/** Settled entries kept in memory for their status line; older ones are dropped. */
const KEEP_SETTLED = 50;

export const commandIdOf = (entry: OutboxEntry): string => entry.request.commandId;

/**
 * Adds a command as pending. With `supersede`, a pending command in the same slot is dropped: a
 * phone that taps B while its vote for A is still waiting only needs B to arrive (a vote replaces the
 * previous one anyway). Settled entries in the slot are always dropped: the slot shows the newest.
 */
export function enqueue(
  entries: readonly OutboxEntry[],
  command: OutboxCommand,
  slot: string,
  supersede: boolean,
): OutboxEntry[] {
  const kept = entries.filter((e) => e.slot !== slot || (e.state === 'pending' && !supersede));
  return [...kept, { ...command, slot, state: 'pending', error: null } as OutboxEntry];
}

/** Records the server's answer; an entry that was superseded meanwhile is simply gone. */
export function settle(entries: readonly OutboxEntry[], commandId: string, ack: Ack<unknown>): OutboxEntry[] {
  const next = entries.map((e) =>
    commandIdOf(e) === commandId && e.state === 'pending'
      ? { ...e, state: ack.ok ? ('sent' as const) : ('failed' as const), error: ack.ok ? null : ack.error }
      : e,
  );
  const settled = next.filter((e) => e.state !== 'pending');
  if (settled.length <= KEEP_SETTLED) return next;
  const drop = new Set(settled.slice(0, settled.length - KEEP_SETTLED));
  return next.filter((e) => !drop.has(e));
}

/** The oldest pending command: commands are sent one at a time, in the order they were made. */
export function nextPending(entries: readonly OutboxEntry[]): OutboxEntry | undefined {
  return entries.find((e) => e.state === 'pending');
}

/** The newest entry of a slot, whatever its state. */
export function latestInSlot(entries: readonly OutboxEntry[], slot: string): OutboxEntry | undefined {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i]?.slot === slot) return entries[i];
  return undefined;
}

export function hasPending(entries: readonly OutboxEntry[]): boolean {
  return entries.some((e) => e.state === 'pending');
}

/**
 * Errors worth another try with the same commandId, rather than a "failed" shown to the person:
 * the connection lost its identity (re-identify first) or the server asked to slow down.
 */
export function isRetryable(error: ErrorBody): boolean {
  return error.code === 'NOT_JOINED' || error.code === 'RATE_LIMITED';
}

/** What goes to localStorage: the pending commands only; settled ones are history. */
export function toStored(entries: readonly OutboxEntry[]): OutboxEntry[] | null {
  const pending = entries.filter((e) => e.state === 'pending');
  return pending.length > 0 ? pending : null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Reads back what toStored wrote. Storage is outside our control (old versions, manual edits): keep
 * only entries with a known command name, a slot and a valid commandId; the server validates the rest.
 */
export function fromStored(value: unknown): OutboxEntry[] {
  if (!Array.isArray(value)) return [];
  const out: OutboxEntry[] = [];
  for (const item of value) {
    if (!isRecord(item) || !isRecord(item.request) || typeof item.slot !== 'string') continue;
    if (!(OUTBOX_COMMANDS as readonly unknown[]).includes(item.name)) continue;
    const commandId = item.request.commandId;
    if (typeof commandId !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(commandId)) continue;
    out.push({ ...(item as unknown as OutboxEntry), state: 'pending', error: null });
  }
  return out;
}
