import type { PartialTextMessages } from './types.ts';

/** English, the co-written texts' strings: a start. Keys left out fall back to Dutch. */
export const enText: PartialTextMessages = {
  text: {
    notice:
      'Writing together is not anonymous like the pain points: whoever types is briefly visible to those writing along; the export holds only the text.',
    plenary: 'Plenary text',
    ownDraft: 'Your zone’s draft',
    connection: {
      connecting: 'connecting…',
      connected: 'connected',
      saved: 'all saved',
      reconnecting: 'reconnecting…',
      tooLarge: 'the text has grown too long: your last change was not saved',
      stopped: 'no longer connected: reload the page',
    },
    participant: 'participant',
    facilitator: 'Facilitator',
  },
};
