/**
 * The strings of a pain-point round (the wall), in Dutch (nl-BE): shared by the phone, the console and
 * the projector, loaded with a round's screens like nl-round.ts.
 */
export const nlWall = {
  wall: {
    noTheme: 'Zonder thema',
    support: { one: '{count} keer “ik ook”', other: '{count} keer “ik ook”' },
    supportShort: '+{count}',
    hiddenReason: {
      facilitator: 'Verborgen door de begeleider',
      'off-topic': 'Verborgen door de begeleider: hoort niet bij deze vraag',
      'names-someone': 'Verborgen door de begeleider: noemt iemand bij naam',
      offensive: 'Verborgen door de begeleider: kwetsend',
    },
    mergedHeading: 'Samengevoegd met dit punt',
    empty: 'Nog geen punten. Ze verschijnen hier in groepjes, in willekeurige volgorde.',
  },
};
