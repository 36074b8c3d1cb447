import type { PartialWallMessages } from './types.ts';

/** English, the wall's strings: a start. Keys left out fall back to Dutch. */
export const enWall: PartialWallMessages = {
  wall: { noTheme: 'No theme', hiddenReason: { facilitator: 'Hidden by the facilitator' } },
};
