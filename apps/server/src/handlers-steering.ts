import { nextRound, showRound } from '@vrijuit/core';
import type { steeringCommands } from '@vrijuit/protocol';
import { onSession, type HandlerTable } from './handler-kit.ts';

/** Live steering: the whole room to the next round, or back to an earlier one (core ST1-ST4). */
export const steeringHandlers: HandlerTable<keyof typeof steeringCommands> = {
  'session:next': (input, identity, { hub, now }) =>
    onSession(hub, identity, input.commandId, (state) => nextRound(state, { now: now() })),

  'round:show': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) => showRound(state, { roundId: input.roundId })),
};
