import type { PartialMessages } from './types.ts';

/** French: a start. Keys left out fall back to Dutch; a typo in a key does not compile. */
export const fr: PartialMessages = {
  connection: {
    online: 'Connecté',
    connecting: 'Connexion…',
    offline: 'Pas de connexion',
  },
  phone: {
    join: 'Participer',
    municipalityNone: 'Je préfère ne pas le dire',
  },
};
