import {
  castVote,
  closeRound,
  createRound,
  lockRound,
  openRound,
  rerunRound,
  revealRound,
  setTimer,
  type SessionState,
} from '@vrijuit/core';
import type { Ballot, roundCommands } from '@vrijuit/protocol';
import { asParticipant, endingOpenRound, onSession, type HandlerTable } from './handler-kit.ts';
import { randomId } from './secrets.ts';
import { cloudBallot } from './word-cloud-ballot.ts';

/** Creating and steering rounds; casting votes. */
export const roundHandlers: HandlerTable<keyof typeof roundCommands> = {
  'round:create': (input, identity, { hub }) => {
    const roundId = randomId();
    return onSession(hub, identity, input.commandId, (state) =>
      createRound(state, {
        roundId,
        question: input.question,
        options: input.options,
        config: input.config,
        reveal: input.reveal,
        durationSeconds: input.durationSeconds,
        compareKey: input.compareKey,
        plain: input.plain,
      }),
    );
  },

  'round:open': (input, identity, deps) =>
    endingOpenRound(deps, identity, input, undefined, (state) =>
      openRound(state, { roundId: input.roundId, now: deps.now() }),
    ),

  'round:timer': (input, identity, { hub, now }) =>
    onSession(hub, identity, input.commandId, (state) =>
      setTimer(state, { roundId: input.roundId, seconds: input.seconds, now: now() }),
    ),

  'round:lock': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) =>
      lockRound(state, { roundId: input.roundId, locked: input.locked }),
    ),

  'round:reveal': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) =>
      revealRound(state, { roundId: input.roundId, revealed: input.revealed }),
    ),

  'round:rerun': (input, identity, { hub }) => {
    const newRoundId = randomId();
    return onSession(hub, identity, input.commandId, (state) =>
      rerunRound(state, { roundId: input.roundId, newRoundId }),
    );
  },

  'round:close': (input, identity, deps) =>
    endingOpenRound(deps, identity, input, input.roundId, (state) => closeRound(state, { roundId: input.roundId })),

  'vote:cast': (input, identity, deps) => {
    const cast = (ballotIn: (state: SessionState) => Ballot) =>
      asParticipant(deps, identity, input, 'ballot', (state, who) =>
        castVote(state, { ...who, ballot: ballotIn(state) }),
      );
    // WC3: a word cloud's answers become words here first; any other ballot is decided in this same turn.
    if (input.ballot.kind === 'word-cloud') return cloudBallot(input.ballot).then(cast);
    return cast(() => input.ballot);
  },
};
