import type { ErrorBody, HideReason, Wall, WallPoint } from '@vrijuit/protocol';
import { LIMITS } from '@vrijuit/protocol/constants';

/**
 * The pain points this phone added, kept on the phone only: the server stores entries with no link
 * to their author (AN7), so only the phone can say "this one is yours". Per session and round it keeps
 * the entry's id (from the ack), its text and its theme; nothing else, no time. Pure functions, the
 * runes live in participant-session.svelte.ts.
 */

/** One entry this phone added and the server acknowledged. */
export interface OwnPoint {
  readonly pointId: string;
  readonly text: string;
  readonly themeId: string | null;
}

/** One entry still in the outbox: on its way, received but not stored yet (AN14), or refused. */
export interface OutgoingPoint {
  readonly commandId: string;
  readonly text: string;
  readonly themeId: string | null;
  readonly state: 'pending' | 'received' | 'failed';
  readonly error: ErrorBody | null;
  /** The entry's id from the ack, once received. */
  readonly pointId?: string | null;
}

/**
 * Where one of this phone's entries is:
 * - pending: not acknowledged yet (offline, or on its way);
 * - failed: refused, with the server's reason;
 * - received: acknowledged, waiting in the server's memory to be stored with the entries of other
 *   participants (AN13); the phone keeps it in its outbox until then;
 * - saved: stored, waiting for the facilitator's approval or the wall, or the phone cannot tell
 *   because the wall is not shown to phones;
 * - on-wall: released, with its support;
 * - hidden: released, hidden by the facilitator for a reason;
 * - merged: not on the wall as itself, but its text is listed under another entry.
 */
export type OwnPointState =
  | { readonly kind: 'pending' }
  | { readonly kind: 'failed'; readonly error: ErrorBody | null }
  | { readonly kind: 'received' }
  | { readonly kind: 'saved' }
  | { readonly kind: 'on-wall'; readonly support: number }
  | { readonly kind: 'hidden'; readonly reason: HideReason }
  | { readonly kind: 'merged' };

export interface OwnEntry {
  /** Stable key for lists: the point id once known, else the command id. */
  readonly key: string;
  readonly text: string;
  readonly themeId: string | null;
  /** Set once the server acknowledged the entry. */
  readonly pointId: string | null;
  /** The command that carried it, while it is in the outbox. */
  readonly commandId: string | null;
  readonly state: OwnPointState;
}

/** Where the phone keeps its entries of one round. */
export const ownPointsKey = (sessionId: string, roundId: string): string =>
  `vrijuit:own-points:${sessionId}:${roundId}`;

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Reads back what the phone stored, keeping only well-formed entries (storage is not ours to trust). */
export function parseOwnPoints(value: unknown): OwnPoint[] {
  if (!Array.isArray(value)) return [];
  let out: OwnPoint[] = [];
  for (const item of value) {
    if (!isRecord(item)) continue;
    const { pointId, text, themeId } = item;
    if (typeof pointId !== 'string' || !ID.test(pointId)) continue;
    if (typeof text !== 'string' || !isPainPointText(text)) continue;
    if (themeId !== null && (typeof themeId !== 'string' || !ID.test(themeId))) continue;
    out = addOwnPoint(out, { pointId, text, themeId });
  }
  return out;
}

/** Drops an entry whose command was refused after all (a received input the server lost, then refused). */
export function dropOwnPoint(points: readonly OwnPoint[], pointId: string): OwnPoint[] {
  return points.filter((p) => p.pointId !== pointId);
}

/** Adds an acknowledged entry; a second ack for the same entry (a retried command) changes nothing. */
export function addOwnPoint(points: readonly OwnPoint[], point: OwnPoint): OwnPoint[] {
  if (points.some((p) => p.pointId === point.pointId)) return [...points];
  return [...points, point].slice(-LIMITS.painPointsPerParticipant);
}

/** The length the server checks: the text without surrounding white space. */
export function painPointLength(text: string): number {
  return text.trim().length;
}

export function isPainPointText(text: string): boolean {
  const n = painPointLength(text);
  return n >= 1 && n <= LIMITS.painPointText;
}

/** Where an acknowledged entry is, as far as the wall this phone sees tells. */
export function ownPointState(point: OwnPoint, wall: Wall | null): OwnPointState {
  if (!wall) return { kind: 'saved' };
  const onWall = wall.points.find((p) => p.id === point.pointId);
  if (onWall)
    return onWall.hidden ? { kind: 'hidden', reason: onWall.hidden } : { kind: 'on-wall', support: onWall.support };
  const text = point.text.trim();
  if (wall.points.some((p) => p.hidden === null && p.merged.some((m) => m.trim() === text))) return { kind: 'merged' };
  return { kind: 'saved' };
}

/**
 * "Jouw punten": the acknowledged entries in the order they were added, then those still in the
 * outbox (on their way or refused). An acknowledged entry whose command is still received shows as
 * received until it is stored (the wall showing it says so too); an outgoing entry that is also
 * acknowledged shows once.
 */
export function ownEntries(
  saved: readonly OwnPoint[],
  outgoing: readonly OutgoingPoint[],
  wall: Wall | null,
): OwnEntry[] {
  const unstored = new Map<string, OutgoingPoint>();
  for (const o of outgoing) if (o.state !== 'pending' && o.pointId) unstored.set(o.pointId, o);
  const entries: OwnEntry[] = saved.map((p) => {
    const state = ownPointState(p, wall);
    // Not on the wall, and its command still received (or refused when sent again: a lost input).
    const command = state.kind === 'saved' ? unstored.get(p.pointId) : undefined;
    return {
      key: p.pointId,
      text: p.text,
      themeId: p.themeId,
      pointId: p.pointId,
      commandId: command?.commandId ?? null,
      state: command ? outgoingState(command) : state,
    };
  });
  const savedIds = new Set(saved.map((p) => p.pointId));
  for (const o of outgoing) {
    if (o.pointId && savedIds.has(o.pointId)) continue;
    entries.push({
      key: o.commandId,
      text: o.text,
      themeId: o.themeId,
      pointId: o.pointId ?? null,
      commandId: o.commandId,
      state: outgoingState(o),
    });
  }
  return entries;
}

function outgoingState(o: OutgoingPoint): OwnPointState {
  if (o.state === 'pending') return { kind: 'pending' };
  if (o.state === 'received') return { kind: 'received' };
  return { kind: 'failed', error: o.error };
}

/** How many entries count towards the round's limit: all but the refused ones. */
export function addedCount(entries: readonly OwnEntry[]): number {
  return entries.filter((e) => e.state.kind !== 'failed').length;
}

/**
 * How a wall entry relates to this phone: its own entry ("jouw punt"), an entry its own text was
 * merged into (that text already counts as support), or neither. Either way the phone offers no "ik ook".
 */
export function ownership(point: WallPoint, saved: readonly OwnPoint[]): 'own' | 'merged-own' | null {
  if (saved.some((p) => p.pointId === point.id)) return 'own';
  if (point.hidden !== null || point.merged.length === 0) return null;
  const texts = new Set(saved.map((p) => p.text.trim()));
  return point.merged.some((m) => texts.has(m.trim())) ? 'merged-own' : null;
}

/** An "ik ook" tap still on its way. */
export interface SupportChange {
  readonly pointId: string;
  readonly supported: boolean;
}

/**
 * The entries this phone supports: for each, what it sent last while that is on its way (the newest
 * change wins), else what the server said (join/resume, then each acknowledged change).
 */
export function supportedIds(
  pointIds: readonly string[],
  serverSupported: readonly string[],
  pending: readonly SupportChange[],
): ReadonlySet<string> {
  const latest = new Map<string, boolean>();
  for (const change of pending) latest.set(change.pointId, change.supported);
  const server = new Set(serverSupported);
  return new Set(pointIds.filter((id) => latest.get(id) ?? server.has(id)));
}
