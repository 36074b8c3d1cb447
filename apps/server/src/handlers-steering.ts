import { nextRound, showRound } from '@vrijuit/core';
import type { steeringCommands } from '@vrijuit/protocol';
import { onSession, type HandlerTable } from './handler-kit.ts';
import { emptyTextRefusal } from './text-documents.ts';

/** Live steering: the whole room to the next round, or back to an earlier one (core ST1-ST4). */
export const steeringHandlers: HandlerTable<keyof typeof steeringCommands> = {
  'session:next': (input, identity, { hub, store, now }) =>
    onSession(
      hub,
      identity,
      input.commandId,
      (state) => emptyTextRefusal(store, state, input.closeEmptyText) ?? nextRound(state, { now: now() }),
    ),

  'round:show': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) => showRound(state, { roundId: input.roundId })),
};
