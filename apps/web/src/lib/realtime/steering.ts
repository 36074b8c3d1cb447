import type { FacilitatorRound } from '@vrijuit/protocol';
import { randomCommandId } from '../random.ts';
import type { FacilitatorSession } from './facilitator-session.svelte.ts';

/*
 * Live steering from the console (core ST1-ST4), through the session's outbox like every other console
 * command: pending until acked, re-sent with the same commandId after a reload.
 */

export const NEXT_SLOT = 'steering:next';
const showSlot = (roundId: string) => `steering:show:${roundId}`;

/** `closeEmptyText`: the facilitator confirmed closing a text round with an empty plenary text (TX6). */
export function nextRound(session: FacilitatorSession, closeEmptyText?: true): void {
  const request = { commandId: randomCommandId(), ...(closeEmptyText && { closeEmptyText }) };
  session.queue.add({ name: 'session:next', request }, NEXT_SLOT);
}

export function showRound(session: FacilitatorSession, roundId: string): void {
  session.queue.add({ name: 'round:show', request: { commandId: randomCommandId(), roundId } }, showSlot(roundId));
}

export function pendingSlot(session: FacilitatorSession, slot: string): boolean {
  return session.queue.latest(slot)?.state === 'pending';
}

export const showPending = (session: FacilitatorSession, roundId: string) => pendingSlot(session, showSlot(roundId));

/**
 * The round "next" would open, as the server decides it (ST1): the first draft after the open round,
 * else after the current round, else from the start. Kept beside the rule so the button names it.
 */
export function upcoming(rounds: readonly FacilitatorRound[], currentRoundId: string | null): FacilitatorRound | null {
  const anchor = rounds.find((r) => r.status === 'open')?.id ?? currentRoundId;
  const from = anchor === null ? 0 : rounds.findIndex((r) => r.id === anchor) + 1;
  return rounds.slice(from).find((r) => r.status === 'draft') ?? null;
}

/** Seconds for `round:timer` that move an open round's deadline by `deltaSeconds` (server clock). */
export function shiftedSeconds(remainingMs: number, deltaSeconds: number): number {
  return Math.max(1, Math.round(remainingMs / 1000) + deltaSeconds);
}
