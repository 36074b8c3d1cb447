import type { PartialRoundMessages } from './types.ts';

/** Français, les textes d’un vote : un début. Les clés absentes retombent sur le néerlandais. */
export const frRound: PartialRoundMessages = {
  vote: {
    send: 'Envoyer',
    pending: 'Envoi…',
    received:
      'Reçu. Votre vote est enregistré avec ceux des autres, pour que personne ne puisse voir qui a choisi quoi.',
    sent: 'Enregistré. Tant que le vote est ouvert, vous pouvez encore changer.',
    lockedTitle: 'Mis en pause par l’animateur',
    closedTitle: 'Vote clôturé — merci !',
  },
};
