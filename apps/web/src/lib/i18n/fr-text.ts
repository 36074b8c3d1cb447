import type { PartialTextMessages } from './types.ts';

/** French, the co-written texts' strings: a start. Keys left out fall back to Dutch. */
export const frText: PartialTextMessages = {
  text: {
    notice:
      'Écrire ensemble n’est pas anonyme comme les points de blocage : qui tape est brièvement visible pour qui écrit aussi ; l’export ne contient que le texte.',
    plenary: 'Texte plénier',
    connection: {
      connecting: 'connexion…',
      connected: 'connecté',
      saved: 'tout est enregistré',
      reconnecting: 'reconnexion…',
      tooLarge: 'le texte est devenu trop long : votre dernière modification n’a pas été enregistrée',
      stopped: 'plus connecté : rechargez la page',
    },
    participant: 'participant',
    facilitator: 'Animateur',
  },
};
