/**
 * Paper input (core SPEC PA1-PA5), in Dutch (nl-BE): the count next to the respondents on every screen
 * and, for the console, the "Papieren invoer" panel. Loaded with a round's screens like nl-wall.ts.
 */
export const nlPaper = {
  paper: {
    /** Next to the respondent count; only shown when some came from paper. */
    ofWhich: { one: 'waarvan {n} op papier', other: 'waarvan {n} op papier' },
    heading: 'Papieren invoer',
    intro: 'Typ hier de papieren formulieren over van wie geen smartphone heeft. Ze tellen mee als elke andere stem.',
    introWall:
      'Typ hier de knelpunten over die op papier binnenkwamen. Ze komen mee in de volgende lichting op de muur.',
    roundLabel: 'Voor: {question}',
    lockedNote: 'De stemming is vergrendeld voor de smartphones; papieren stemmen kan je nog invoeren.',
    zone: 'Zone',
    zonePick: 'Kies een zone',
    municipality: 'Gemeente',
    municipalityNone: 'Niet ingevuld',
    ballotLegend: 'Stembrief',
    save: 'Bewaar en volgende',
    savePoint: 'Bewaar knelpunt',
    /** The running count of acked entries from this console. */
    savedVotes: { one: '1 papieren stem ingevoerd', other: '{n} papieren stemmen ingevoerd' },
    savedPoints: { one: '1 papieren knelpunt ingevoerd', other: '{n} papieren knelpunten ingevoerd' },
    pending: { one: '1 wordt bewaard…', other: '{n} worden bewaard…' },
    /** Acked, not stored yet (AN13): they are stored and counted with the phones' next batch. */
    received: {
      one: '1 ontvangen: wordt opgeslagen en geteld samen met de volgende groep stemmen, of bij het sluiten.',
      other: '{n} ontvangen: worden opgeslagen en geteld samen met de volgende groep stemmen, of bij het sluiten.',
    },
    receivedPoints: {
      one: '1 ontvangen: komt mee in de volgende lichting op de muur, of bij het sluiten.',
      other: '{n} ontvangen: komen mee in de volgende lichting op de muur, of bij het sluiten.',
    },
    failed: 'Niet bewaard: {reason}',
    dismiss: 'Sluiten',
    noZone: 'Kies eerst de zone van het formulier.',
    noZones: 'Deze sessie heeft geen zones; papieren stemmen kan je niet invoeren.',
    pointLabel: 'Knelpunt zoals op het papier',
    theme: 'Thema',
    noTheme: 'Geen thema',
    /** For the console's list of refused commands. */
    action: 'Papieren invoer',
  },
};
