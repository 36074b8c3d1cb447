/**
 * The strings of the door (core DO1-DO9), in Dutch (nl-BE). The phone's part (the waiting screen) is
 * merged into its catalogue (nl.ts); the console's into the facilitator's (facilitator.ts).
 */
export const nlDoorPhone = {
  atTheDoor: {
    waitingTitle: 'De begeleider laat je zo binnen',
    waitingText:
      'Je aanmelding is aangekomen. Zodra de begeleider je binnenlaat, gaat dit scherm vanzelf verder. Laat deze pagina open.',
    busyTitle: 'Het is even druk',
    busyText: 'Er melden zich veel telefoons tegelijk aan. We proberen het zo vanzelf opnieuw.',
    turnedAwayTitle: 'De begeleider heeft je niet binnengelaten',
    turnedAwayText: 'Is dat een vergissing? Vraag het aan de begeleider en meld je opnieuw aan.',
    tryAgain: 'Opnieuw aanmelden',
  },
};

export const nlDoorConsole = {
  door: {
    heading: 'Deur',
    stateLabel: 'De deur is',
    state: { open: 'open', closed: 'dicht' },
    explainOpen: 'Nieuwe telefoons komen vanzelf binnen.',
    explainFull: 'Het verwachte aantal ({n}) is binnen: nieuwe telefoons wachten tot je ze binnenlaat.',
    explainClosed: 'Nieuwe telefoons wachten tot je ze binnenlaat. Wie al meedeed, komt altijd terug binnen.',
    close: 'Deur dicht',
    open: 'Deur open',
    openHint: 'Wie wacht, komt dan binnen (tot het verwachte aantal).',
    expected: { one: 'Verwacht: 1 deelnemer.', other: 'Verwacht: {n} deelnemers.' },
    expectedNone: 'Geen verwacht aantal ingesteld (bij de sessie-instellingen).',
    waitingNone: 'Niemand wacht aan de deur.',
    waiting: { one: '{n} telefoon wacht om binnen te komen.', other: '{n} telefoons wachten om binnen te komen.' },
    perZone: 'Wachtend per zone',
    zoneColumn: 'Zone',
    waitingColumn: 'Wachtend',
    actionsColumn: 'Wat doe je?',
    admit: 'Binnenlaten',
    turnAway: 'Wegsturen',
    zoneDetail: '({n} uit {zone})',
    admitAll: 'Iedereen binnenlaten',
    turnAwayAll: 'Iedereen wegsturen',
    admitted: { one: '{n} telefoon binnengelaten.', other: '{n} telefoons binnengelaten.' },
    turnedAway: { one: '{n} telefoon weggestuurd.', other: '{n} telefoons weggestuurd.' },
    closedNow: 'De deur is dicht.',
    openNow: 'De deur is open.',
    busy: 'Bezig…',
    failed: 'Dat lukte niet: {reason}',
    noAnswer: 'De server antwoordt niet. Probeer het opnieuw.',
    expectedLabel: 'Verwacht aantal deelnemers (niet verplicht)',
    expectedHint:
      'Zijn er zoveel mensen binnen, dan wachten nieuwe telefoons aan de deur tot je ze binnenlaat. Leeg: geen grens.',
    expectedInvalid: 'Vul een geheel getal in van 1 tot {max}, of laat het veld leeg.',
  },
};
