import type { PartialRoundMessages } from './types.ts';

/** English, a round's strings: a start. Keys left out fall back to Dutch. */
export const enRound: PartialRoundMessages = {
  vote: {
    send: 'Send',
    pending: 'Sending…',
    received: 'Received. Your vote is stored together with other people’s, so nobody can see who chose what.',
    sent: 'Stored. While the vote is open, you can still change it.',
    lockedTitle: 'Paused by the facilitator',
    closedTitle: 'Voting closed — thank you!',
  },
};
