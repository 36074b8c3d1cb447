import type { PartialWallMessages } from './types.ts';

/** French, the wall's strings: a start. Keys left out fall back to Dutch. */
export const frWall: PartialWallMessages = {
  wall: { noTheme: 'Sans thème', hiddenReason: { facilitator: 'Masqué par l’animateur' } },
};
