import type { PartialFacilitatorMessages } from './types.ts';

/** English, facilitator side: a start. Keys left out fall back to Dutch; a typo in a key does not compile. */
export const enFacilitator: PartialFacilitatorMessages = {
  console: {
    open: 'Open voting',
    close: 'Close voting',
    lock: 'Pause',
    unlock: 'Resume',
    reveal: 'Show results',
    hide: 'Hide results',
  },
  projector: {
    fullscreen: 'Full screen',
  },
};
