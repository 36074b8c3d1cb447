import type { PartialFacilitatorMessages } from './types.ts';

/** Français, côté animateur : un début. Les clés absentes retombent sur le néerlandais. */
export const frFacilitator: PartialFacilitatorMessages = {
  console: {
    open: 'Ouvrir le vote',
    close: 'Clôturer le vote',
    lock: 'Mettre en pause',
    unlock: 'Reprendre',
    reveal: 'Afficher les résultats',
    hide: 'Masquer les résultats',
  },
  projector: {
    fullscreen: 'Plein écran',
  },
};
