import type { PartialMessages } from './types.ts';

/** English: a start. Keys left out fall back to Dutch; a typo in a key does not compile. */
export const en: PartialMessages = {
  connection: {
    online: 'Connected',
    connecting: 'Connecting…',
    offline: 'No connection',
  },
  phone: {
    join: 'Join',
    municipalityNone: 'I’d rather not say',
  },
};
