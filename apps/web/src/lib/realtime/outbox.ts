import type { Ack, CommandRequest, ErrorBody } from '@vrijuit/protocol';

/**
 * The outbox, as pure functions over an immutable list (tested in outbox.test.ts; the runes wrapper
 * is outbox-queue.svelte.ts). Every command that carries a commandId goes through it, so that:
 * - each input is visible as pending until the server acked it, then sent or failed;
 * - pending commands survive a reload and are re-sent with the SAME commandId (the server answers a
 *   retry with its stored ack and counts the command once, R2);
 * - an anonymous input the server acked as received (`stored: false`, AN13/AN14) waits in the server's
 *   memory for the inputs of other participants: it stays here, in storage too, and is sent again (same
 *   commandId) once after every (re)identification, until `inputs:stored` or a `stored: true` ack says
 *   it is stored. A server crash loses received inputs; this re-send is what brings them back.
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
  'question:answer',
  'painpoint:approve',
  'painpoint:merge',
  'painpoint:theme',
  'painpoint:add-theme',
  'paper:vote',
  'paper:painpoint',
] as const;
export type OutboxName = (typeof OUTBOX_COMMANDS)[number];

export type OutboxCommand = { [N in OutboxName]: { name: N; request: CommandRequest<N> } }[OutboxName];

/**
 * - pending: not acked yet;
 * - received: acked with `stored: false`, waiting in the server's memory to be stored with others;
 * - sent: stored (acked with `stored: true`, or named by `inputs:stored`; a command without `stored`
 *   is stored when acked);
 * - failed: refused.
 */
export type EntryState = 'pending' | 'received' | 'sent' | 'failed';

export type OutboxEntry = OutboxCommand & {
  /** Groups entries whose latest status the UI shows together, e.g. `vote:<roundId>`. */
  slot: string;
  state: EntryState;
  error: ErrorBody | null;
  /**
   * The value of the first ok ack, kept (and stored with a received entry, so a reload still knows it):
   * a pain point's pointId links the phone's own entry to its command while that is not stored yet.
   */
  value?: unknown;
};

/** Settled entries kept in memory for their status line; older ones are dropped. */
const KEEP_SETTLED = 50;

export const commandIdOf = (entry: OutboxEntry): string => entry.request.commandId;

/** Still the outbox's to deliver: not acked yet, or received but not stored yet. */
export const isUnsettled = (entry: OutboxEntry): boolean => entry.state === 'pending' || entry.state === 'received';

/**
 * Adds a command as pending. With `supersede`, a pending or received command in the same slot is
 * dropped: a phone that taps B while its vote for A is still waiting only needs B to arrive (a vote
 * replaces the previous one anyway). Settled entries in the slot are always dropped: the slot shows
 * the newest.
 */
export function enqueue(
  entries: readonly OutboxEntry[],
  command: OutboxCommand,
  slot: string,
  supersede: boolean,
): OutboxEntry[] {
  const kept = entries.filter((e) => e.slot !== slot || (isUnsettled(e) && !supersede));
  return [...kept, { ...command, slot, state: 'pending', error: null } as OutboxEntry];
}

/** Whether an ok ack says the input is received but not stored yet (AN14): `stored: false`. */
export function isReceivedOnly(ack: Ack<unknown>): boolean {
  return ack.ok && isRecord(ack.value) && ack.value.stored === false;
}

/**
 * Records the server's answer to a pending entry, or to a received one sent again; an entry that was
 * superseded (or stored) meanwhile is left as it is. An ok ack makes it received (`stored: false`) or
 * sent; a refusal makes it failed. A received entry keeps the value of its first ack.
 */
export function settle(entries: readonly OutboxEntry[], commandId: string, ack: Ack<unknown>): OutboxEntry[] {
  const next = entries.map((e): OutboxEntry => {
    if (commandIdOf(e) !== commandId || !isUnsettled(e)) return e;
    if (!ack.ok) return { ...e, state: 'failed', error: ack.error };
    if (isReceivedOnly(ack)) return { ...e, state: 'received', error: null, value: e.value ?? ack.value };
    return { ...e, state: 'sent', error: null, value: e.value ?? ack.value };
  });
  return trimSettled(next);
}

/** `inputs:stored`: the named received entries are stored now. Others (pending, superseded) stay. */
export function markStored(entries: readonly OutboxEntry[], commandIds: readonly string[]): OutboxEntry[] {
  const ids = new Set(commandIds);
  const next = entries.map((e): OutboxEntry =>
    e.state === 'received' && ids.has(commandIdOf(e)) ? { ...e, state: 'sent' } : e,
  );
  return trimSettled(next);
}

function withoutValue(entry: OutboxEntry): OutboxEntry {
  if (!('value' in entry)) return entry;
  const rest = { ...entry };
  delete rest.value;
  return rest;
}

/** Drops the oldest settled (sent, failed) entries beyond KEEP_SETTLED; unsettled ones always stay. */
function trimSettled(entries: OutboxEntry[]): OutboxEntry[] {
  const settled = entries.filter((e) => !isUnsettled(e));
  if (settled.length <= KEEP_SETTLED) return entries;
  const drop = new Set(settled.slice(0, settled.length - KEEP_SETTLED));
  return entries.filter((e) => !drop.has(e));
}

/** The oldest pending command: commands are sent one at a time, in the order they were made. */
export function nextPending(entries: readonly OutboxEntry[]): OutboxEntry | undefined {
  return entries.find((e) => e.state === 'pending');
}

/**
 * The next command to send: the oldest that is pending, or received and still due to be sent again
 * (`resend`: the received entries' command ids at the last identification, each sent once).
 */
export function nextToSend(entries: readonly OutboxEntry[], resend: readonly string[]): OutboxEntry | undefined {
  return entries.find((e) => e.state === 'pending' || (e.state === 'received' && resend.includes(commandIdOf(e))));
}

/** The command ids of the received entries: what goes out again after an identification. */
export function receivedIds(entries: readonly OutboxEntry[]): string[] {
  return entries.filter((e) => e.state === 'received').map(commandIdOf);
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
 * the connection lost its identity (re-identify first), the server asked to slow down, or it was stopping
 * (the command changed nothing; it goes again after the reconnect).
 */
export function isRetryable(error: ErrorBody): boolean {
  return error.code === 'NOT_JOINED' || error.code === 'RATE_LIMITED' || error.code === 'SERVER_STOPPING';
}

/** What goes to localStorage: the pending and received commands; settled ones are history. */
export function toStored(entries: readonly OutboxEntry[]): OutboxEntry[] | null {
  const unsettled = entries.filter(isUnsettled);
  return unsettled.length > 0 ? unsettled : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

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
    const entry = { ...(item as unknown as OutboxEntry), error: null };
    // A received entry stays received (sent again after identification); anything else was not acked.
    out.push(
      item.state === 'received' ? { ...entry, state: 'received' } : withoutValue({ ...entry, state: 'pending' }),
    );
  }
  return out;
}
