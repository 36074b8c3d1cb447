import type { PartialRoundMessages } from './types.ts';

/** English, a round's strings: a start. Keys left out fall back to Dutch. */
export const enRound: PartialRoundMessages = {
  vote: {
    send: 'Send',
    pending: 'Sending…',
    lockedTitle: 'Paused by the facilitator',
    closedTitle: 'Voting closed — thank you!',
  },
};
