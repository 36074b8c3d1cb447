import { nextRound, showRound } from '@vrijuit/core';
import type { steeringCommands } from '@vrijuit/protocol';
import { onSession, withTexts, type HandlerTable } from './handler-kit.ts';
import { emptyTextRefusal } from './text-documents.ts';

/** Live steering: the whole room to the next round, or back to an earlier one (core ST1-ST4). */
export const steeringHandlers: HandlerTable<keyof typeof steeringCommands> = {
  'session:next': (input, identity, { hub, texts, now }) =>
    withTexts(texts, identity, () =>
      onSession(
        hub,
        identity,
        input.commandId,
        (state) => emptyTextRefusal(texts, state, input.closeEmptyText) ?? nextRound(state, { now: now() }),
      ),
    ),

  'round:show': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) => showRound(state, { roundId: input.roundId })),
};
