import type { PartialRoundMessages } from './types.ts';

/** Français, les textes d’un vote : un début. Les clés absentes retombent sur le néerlandais. */
export const frRound: PartialRoundMessages = {
  vote: {
    send: 'Envoyer',
    pending: 'Envoi…',
    lockedTitle: 'Mis en pause par l’animateur',
    closedTitle: 'Vote clôturé — merci !',
  },
};
