import { castPaperVote, submitPaperPainPoint } from '@vrijuit/core';
import type { paperCommands } from '@vrijuit/protocol';
import { asPaper, type HandlerTable } from './handler-kit.ts';
import { randomId, randomSecret } from './secrets.ts';

/**
 * Paper input, typed in by the facilitator (core SPEC PA1-PA5; realtime.ts checked the role). Each paper
 * ballot gets a fresh random key that is never handed out or kept anywhere but on the ballot, so nobody
 * can change it afterwards and nothing links it to the ballots of other rounds (AN1).
 */
export const paperHandlers: HandlerTable<keyof typeof paperCommands> = {
  'paper:vote': (input, identity, deps) => {
    // Same length and alphabet as an HMAC voter key: the key itself says nothing.
    const voterKey = randomSecret();
    return asPaper(deps, identity, input, 'ballot', (state) =>
      castPaperVote(state, {
        roundId: input.roundId,
        voterKey,
        zoneId: input.zoneId,
        municipalityId: input.municipalityId,
        ballot: input.ballot,
      }),
    );
  },

  'paper:painpoint': (input, identity, deps) => {
    const pointId = randomId();
    return asPaper(deps, identity, input, 'point', (state) =>
      submitPaperPainPoint(state, { roundId: input.roundId, pointId, text: input.text, themeId: input.themeId }),
    );
  },
};
