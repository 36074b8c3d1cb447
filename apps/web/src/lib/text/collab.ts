import { YJS_CLOSE } from '@vrijuit/protocol/constants';

/*
 * Pure helpers of the co-edited texts (position-text rounds): where the Yjs endpoint is, what the
 * connection state says, who else is writing, which colour a writer's caret has.
 */

/** The y-websocket server's base URL for a page at `location` (the provider appends `/<room>`). */
export function yjsServerUrl(location: { protocol: string; host: string }, pathPrefix = '/yjs/'): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${pathPrefix.replace(/\/+$/, '')}`;
}

export type TextConnection = 'connecting' | 'connected' | 'saved' | 'reconnecting' | 'tooLarge' | 'stopped';

/**
 * What the editor says about its connection: nothing has come in yet (connecting), the socket is up but
 * the first exchange is not done (connected), the server has everything (saved: synced, and every edit
 * made meanwhile went out with the sync), or the socket dropped and the provider retries (reconnecting).
 * The server closed it for good (`closedWith`, a 44xx code after which y-websocket does not reconnect):
 * the text would pass its maximum size (tooLarge, TX4), or anything else (stopped: reload the page).
 */
export function textConnection(state: {
  status: 'connecting' | 'connected' | 'disconnected';
  synced: boolean;
  everConnected: boolean;
  closedWith?: number | null;
}): TextConnection {
  if (state.closedWith != null) return state.closedWith === YJS_CLOSE.tooLarge ? 'tooLarge' : 'stopped';
  if (state.status === 'connected') return state.synced ? 'saved' : 'connected';
  return state.everConnected ? 'reconnecting' : 'connecting';
}

/** What one writer shares with the others through y-websocket's awareness. */
export interface WriterInfo {
  name: string;
  color: string;
}

/**
 * The other writers of a document from its awareness states: everyone but this client, in a stable
 * order, their name where given, else `fallback` ("deelnemer"). A state without a `user` is a reader
 * that shares nothing (the projector) and does not count.
 */
export function otherWriters(
  states: ReadonlyMap<number, Record<string, unknown>>,
  selfClientId: number,
  fallback: string,
): WriterInfo[] {
  const writers: { id: number; info: WriterInfo }[] = [];
  for (const [id, state] of states) {
    if (id === selfClientId) continue;
    const user = state['user'];
    if (!user || typeof user !== 'object') continue;
    const { name, color } = user as Record<string, unknown>;
    writers.push({
      id,
      info: {
        name: typeof name === 'string' && name.trim() ? name.trim() : fallback,
        color: typeof color === 'string' ? color : WRITER_COLORS[0]!,
      },
    });
  }
  return writers.sort((a, b) => a.id - b.id).map((w) => w.info);
}

/** Whether an awareness change touched only this client's own state (its cursor), not another writer's. */
export function onlySelf(
  change: { added: readonly number[]; updated: readonly number[]; removed: readonly number[] },
  selfClientId: number,
): boolean {
  return [...change.added, ...change.updated, ...change.removed].every((id) => id === selfClientId);
}

/** Whether two lists of writers say the same (a cursor that moved changes neither name nor colour). */
export function sameWriters(a: readonly WriterInfo[], b: readonly WriterInfo[]): boolean {
  return a.length === b.length && a.every((w, i) => w.name === b[i]!.name && w.color === b[i]!.color);
}

/** Caret colours dark enough for white label text (contrast at least 4.5:1). */
export const WRITER_COLORS = ['#1d4ed8', '#b91c1c', '#047857', '#7c3aed', '#a16207', '#be185d', '#0f766e', '#4d4d4d'];

/** A writer's caret colour, the same for the same client id. */
export function writerColor(clientId: number): string {
  return WRITER_COLORS[Math.abs(clientId) % WRITER_COLORS.length]!;
}

/** The bytes of a base64 string (a saved version's Yjs update, text:get-version). */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** "Versie 3": the default label of the next version, numbered after every version of the round. */
export function nextVersionNumber(versions: readonly { number: number }[] | null | undefined): number {
  return (versions ?? []).reduce((max, v) => Math.max(max, v.number), 0) + 1;
}
