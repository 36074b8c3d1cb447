import { deleteRound, duplicateRound, moveRound, updateRound, updateSession } from '@vrijuit/core';
import type { designCommands } from '@vrijuit/protocol';
import { onSession, type HandlerTable } from './handler-kit.ts';
import { randomId } from './secrets.ts';

/** Designing a session: details, settings, zones and the agenda (core decide-design.ts, DE1-DE6). */
export const designHandlers: HandlerTable<keyof typeof designCommands> = {
  'session:update': ({ commandId, ...changes }, identity, { hub }) =>
    onSession(hub, identity, commandId, (state) => updateSession(state, changes)),

  'round:update': ({ commandId, roundId, ...design }, identity, { hub }) =>
    onSession(hub, identity, commandId, (state) => updateRound(state, { roundId, design })),

  'round:move': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) =>
      moveRound(state, { roundId: input.roundId, position: input.position }),
    ),

  'round:duplicate': (input, identity, { hub }) => {
    const newRoundId = randomId();
    return onSession(hub, identity, input.commandId, (state) =>
      duplicateRound(state, { roundId: input.roundId, newRoundId }),
    );
  },

  'round:delete': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) => deleteRound(state, { roundId: input.roundId })),
};
