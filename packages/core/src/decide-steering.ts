import { closeRound, openRound } from './decide.ts';
import { accept, reject, type Decision } from './result.ts';
import type { Round, SessionState } from './state.ts';

/**
 * Live steering (ST1-ST5): moving the room along the agenda and back. Opening and closing reuse the
 * round rules (RO2, RO3), so "next" keeps exactly what a facilitator's own close and open would keep.
 */

/**
 * The draft round "next" would open (ST1): the first draft after the open round if there is one,
 * otherwise after the current round, otherwise from the start of the agenda; undefined when none is left.
 */
export function nextDraft(state: SessionState): Round | undefined {
  const open = state.rounds.find((r) => r.status === 'open');
  const anchorId = open?.id ?? state.currentRoundId;
  const from = anchorId === null ? 0 : state.rounds.findIndex((r) => r.id === anchorId) + 1;
  return state.rounds.slice(from).find((r) => r.status === 'draft');
}

/**
 * ST1, ST2: close the open round (if any) and open the first draft round after where the room is: the
 * open round if there is one (the room may be looking back at an earlier round, ST4), otherwise the
 * current round, otherwise the start of the agenda. `roundId` null: nothing left to open; then it only closes.
 */
export function nextRound(state: SessionState, input: { now: number }): Decision<{ roundId: string | null }> {
  const open = state.rounds.find((r) => r.status === 'open');
  const next = nextDraft(state);
  if (next) {
    const opened = openRound(state, { roundId: next.id, now: input.now });
    return opened.ok ? accept(opened.events, { roundId: next.id }) : opened;
  }
  if (!open) return accept([], { roundId: null });
  const closed = closeRound(state, { roundId: open.id });
  return closed.ok ? accept(closed.events, { roundId: null }) : closed;
}

/**
 * ST3, ST4: make an open or closed round the current round on every phone and the projector again. It
 * changes no round: nothing reopens, results stay as kept, an open round elsewhere stays open with its
 * ballots and timer. A draft has nothing to show (`ROUND_STATE`); the current round again is a no-op.
 */
export function showRound(state: SessionState, input: { roundId: string }): Decision<Record<string, never>> {
  const round = state.rounds.find((r) => r.id === input.roundId);
  if (!round) return reject('ROUND_NOT_FOUND', 'unknown round');
  if (round.status === 'draft') return reject('ROUND_STATE', 'a draft round cannot be shown; open it');
  if (state.currentRoundId === round.id) return accept([], {});
  return accept([{ type: 'round:shown', roundId: round.id }], {});
}
