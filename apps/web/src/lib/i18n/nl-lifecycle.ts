/**
 * The strings of a session's life (status, closing, deleting), in Dutch (nl-BE). The phone's part is
 * merged into its catalogue (nl.ts, small: two screens); the console's into the facilitator's
 * (facilitator.ts), so phones do not download it.
 */
export const nlLifecyclePhone = {
  ended: {
    closedTitle: 'De sessie is afgelopen.',
    closedText: 'Bedankt om mee te doen.',
    deletedTitle: 'Deze sessie bestaat niet meer.',
    deletedText: 'De begeleider heeft de sessie en alles wat erin stond verwijderd.',
    /** PH3: the current round is closed and no draft round is left after it. */
    lastRound:
      'Dit was de laatste vraag. Bedankt om mee te doen! Komt er toch nog iets, dan verschijnt het hier vanzelf.',
  },
};

export const nlLifecycleConsole = {
  lifecycle: {
    heading: 'Sessie',
    statusLabel: 'Status',
    status: {
      draft: 'In voorbereiding',
      live: 'Bezig',
      closed: 'Afgesloten',
      archived: 'Gearchiveerd',
    },
    explain: {
      draft: 'Deelnemers kunnen al aanmelden en wachten. Open een ronde of start de sessie.',
      live: 'Deelnemers doen mee.',
      closed: 'Telefoons zien "De sessie is afgelopen" en kunnen niets meer insturen. Je kunt heropenen.',
      archived: 'Alleen nog lezen. Haal de sessie uit het archief om iets te veranderen.',
    },
    start: 'Start sessie',
    close: 'Sessie afsluiten',
    closeConfirm:
      'De sessie afsluiten? Een open ronde wordt gesloten (de resultaten blijven) en telefoons kunnen niets meer insturen.',
    closeYes: 'Ja, afsluiten',
    cancel: 'Annuleren',
    reopen: 'Heropenen',
    archive: 'Archiveren',
    unarchive: 'Uit het archief halen',
    busy: 'Bezig…',
    failed: 'Dat lukte niet: {reason}',
    noAnswer: 'De server antwoordt niet. Probeer het opnieuw.',
    delete: 'Sessie verwijderen',
    deleteTitle: 'Sessie verwijderen',
    deleteExplain:
      'Dit verwijdert de sessie met alle deelnemers, stemmen, resultaten, knelpunten en teksten voorgoed; dit kan niet ongedaan worden gemaakt.',
    deleteTypeLabel: 'Typ de titel van de sessie om te bevestigen: {title}',
    deleteConfirm: 'Definitief verwijderen',
    deleting: 'Verwijderen…',
    deleted: 'De sessie is verwijderd.',
  },
};
