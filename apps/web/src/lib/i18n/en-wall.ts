import type { PartialWallMessages } from './types.ts';

/** English, the wall's strings: a start. Keys left out fall back to Dutch. */
export const enWall: PartialWallMessages = {
  wall: {
    noTheme: 'No theme',
    hiddenReason: { facilitator: 'Hidden by the facilitator' },
    empty: 'No points yet. They appear here in small batches, in random order.',
    phone: {
      anonymity:
        'The room sees your text together with everyone else’s, in random order; nobody, not even the facilitator, sees who wrote what. Even someone with the server’s files cannot see what you wrote.',
      anonymityPremoderated:
        'The facilitator reads your text first, without knowing who wrote it; then the room sees it together with everyone else’s, in random order. Nobody sees who wrote what. Even someone with the server’s files cannot see what you wrote.',
      textLabel: 'Your point',
      noTheme: 'No theme',
      send: 'Add',
      added: { one: '{count} of 1 point added', other: '{count} of {n} points added' },
      closedTitle: 'Round closed — thank you!',
    },
    own: {
      heading: 'Your points',
      hint: 'Only you see this list, on this device.',
      pending: 'Sending…',
      received: 'Received. Your point is stored together with other people’s, so nobody can see who wrote what.',
      saved: 'Stored — will appear on the wall soon, together with others.',
      onWall: 'Stored, on the wall',
      yours: 'Your point',
    },
    view: { heading: 'The wall', supportButton: 'Me too', supportNone: 'No “me too” yet' },
  },
};
