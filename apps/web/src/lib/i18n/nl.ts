import type { ErrorCode } from '@vrijuit/protocol';
import { nlDoorPhone } from './nl-door.ts';
import { nlLifecyclePhone } from './nl-lifecycle.ts';

/**
 * Every string a participant's phone can show, in Dutch (nl-BE): the reference catalogue of the
 * phone. The console, /new and the projector add theirs from nl-facilitator.ts, so the phone does not
 * download them (P6). Other languages are typed against this shape (types.ts). `{name}` marks a
 * parameter filled in by t(); `one`/`other` pairs are picked by tn() for a count.
 * Written for people who are not at ease with technology: short sentences, no jargon.
 */
export const nl = {
  ...nlLifecyclePhone,
  ...nlDoorPhone,
  app: {
    name: 'Vrijuit',
    home: 'Vrijuit, naar de startpagina',
  },
  connection: {
    online: 'Verbonden',
    connecting: 'Verbinden…',
    offline: 'Geen verbinding',
    offlineHelp:
      'Je bent even niet verbonden. We proberen het opnieuw. Wat je kiest, wordt verstuurd zodra de verbinding terug is.',
    offlineConsole:
      'Geen verbinding met de server. We proberen het opnieuw. Wat je doet, wordt verstuurd zodra de verbinding terug is.',
  },
  common: {
    loading: 'Even geduld…',
    retry: 'Opnieuw proberen',
    backHome: 'Naar de startpagina',
  },
  /** The page SvelteKit shows for an address that leads nowhere (404) or a page that failed. */
  notFound: {
    pageTitle: 'Pagina niet gevonden',
    title: 'Deze pagina bestaat niet',
    text: 'Het adres klopt niet (meer). Kijk het na, of ga naar de startpagina en typ daar de code van je sessie.',
    errorTitle: 'Er ging iets mis',
    errorText: 'Deze pagina kon niet geladen worden. Probeer het opnieuw of ga naar de startpagina.',
  },
  landing: {
    title: 'Doe mee met een sessie',
    intro: 'Typ de code die de begeleider toont. Hoofdletters, spaties of streepjes maken niet uit.',
    codeLabel: 'Code van de sessie',
    codeHint: '6 tekens, bijvoorbeeld ABC 234',
    submit: 'Meedoen',
    invalidCode: 'Deze code klopt niet. Een code heeft 6 tekens (letters en cijfers). Kijk nog eens goed.',
    facilitatorLink: 'Begeleider? Aanmelden',
  },
  phone: {
    pageTitle: 'Meedoen',
    checking: 'We zoeken de sessie…',
    unknownCode: 'We vinden geen sessie met de code {code}. Kijk de code nog eens na.',
    lookupFailed: 'We konden de sessie niet ophalen. Controleer je internetverbinding.',
    tryOtherCode: 'Een andere code typen',
    resuming: 'Je wordt opnieuw verbonden met de sessie…',
    sessionGone: 'We vonden je aanmelding niet meer terug. Meld je opnieuw aan.',
    joinHeading: 'Aanmelden',
    zoneLegend: 'Uit welke zone kom je?',
    zoneMissing: 'Kies eerst je zone.',
    municipalityLegend: 'Uit welke gemeente kom je?',
    municipalityHint:
      'Niet verplicht. Zo kan de begeleider resultaten per gemeente tonen, maar nooit van een groep met te weinig mensen.',
    municipalityNone: 'Liever niet zeggen',
    nameLabel: 'Je naam (niet verplicht)',
    nameHint: 'Je naam wordt nooit bij je stem of je punten getoond.',
    join: 'Deelnemen',
    joining: 'Bezig met aanmelden…',
    joinWaiting: 'Je wordt aangemeld zodra de verbinding terug is…',
    waitingTitle: 'Je bent aangemeld',
    waiting: 'Wacht even: de begeleider start zo de volgende vraag. Dit scherm verandert vanzelf.',
    announceOpen: 'Nieuwe vraag: {question}',
    announceClosed: 'De stemming is gesloten.',
    announceLocked: 'De begeleider heeft de stemming gepauzeerd.',
    announceUnlocked: 'Je kunt weer stemmen.',
    announceResults: 'De resultaten worden getoond.',
  },
  errors: {
    BAD_REQUEST: 'Er klopt iets niet met wat je invulde. Kijk het na en probeer opnieuw.',
    UNKNOWN_COMMAND: 'Deze versie van de pagina is verouderd. Laad de pagina opnieuw.',
    NOT_JOINED: 'Je bent nog niet aangemeld bij de sessie.',
    FORBIDDEN: 'Dat mag je hier niet doen.',
    SESSION_NOT_FOUND: 'Deze sessie bestaat niet (meer).',
    ROUND_NOT_FOUND: 'Deze vraag bestaat niet meer.',
    ROUND_NOT_OPEN: 'Deze vraag is al gesloten.',
    ROUND_STATE: 'Dat kan niet meer: de vraag is intussen veranderd.',
    OPTION_NOT_FOUND: 'Deze keuze bestaat niet (meer).',
    ZONE_NOT_FOUND: 'Deze zone bestaat niet (meer). Kies een andere.',
    MUNICIPALITY_NOT_FOUND: 'Deze gemeente hoort niet bij de gekozen zone. Kies opnieuw.',
    ROUND_LOCKED: 'De begeleider heeft deze vraag even gepauzeerd. Probeer opnieuw zodra ze weer open is.',
    BALLOT_KIND: 'De vraag is intussen veranderd. Kijk opnieuw en kies nog eens.',
    CHOICE_COUNT: 'Je koos te weinig of te veel keuzes.',
    BUDGET_EXCEEDED: 'Je gaf meer punten dan je hebt.',
    MAX_PER_OPTION_EXCEEDED: 'Je gaf te veel punten aan één keuze.',
    RANKING_INCOMPLETE: 'Zet elke keuze precies één keer in je volgorde.',
    ANSWER_OUT_OF_RANGE: 'Dat antwoord kan hier niet. Kies een van de getoonde antwoorden.',
    EMPTY_BALLOT: 'Je stem is nog leeg. Kies eerst iets.',
    ROUND_KIND: 'Dit past niet bij deze ronde. Herlaad de pagina.',
    POINT_NOT_FOUND: 'Dat punt staat (nog) niet op de muur.',
    POINT_STATE: 'Dat punt kan nu niet zo veranderen (het is verborgen, samengevoegd of wacht nog).',
    THEME_NOT_FOUND: 'Dat thema bestaat niet in deze ronde.',
    PAIN_POINT_LIMIT: 'Je hebt al zoveel punten toegevoegd als de begeleider toelaat.',
    VERSION_NOT_FOUND: 'Die versie bestaat niet (meer).',
    TEXT_EMPTY: 'De plenaire tekst is nog leeg, terwijl de zones een ontwerp hebben.',
    ZONES_IN_USE: 'De zones liggen vast: er heeft zich al iemand aangemeld met deze zones.',
    POSITION_OUT_OF_RANGE: 'Die plaats bestaat niet in de agenda.',
    SESSION_STATE:
      'Dat kan niet in deze fase van de sessie (bijvoorbeeld: een gearchiveerde sessie kan niet meer veranderen).',
    SESSION_CLOSED: 'De sessie is afgelopen. Bedankt om mee te doen.',
    TITLE_MISMATCH: 'De titel klopt niet. Typ de titel van de sessie precies over; er is niets verwijderd.',
    WAITING_AT_DOOR: 'De begeleider laat je zo binnen.',
    RATE_LIMITED: 'Te veel pogingen na elkaar. Wacht even en probeer dan opnieuw.',
    UNAUTHENTICATED: 'Je bent niet (meer) aangemeld. Meld je opnieuw aan.',
    INVALID_CREDENTIALS: 'Dit e-mailadres of wachtwoord klopt niet.',
    ACCOUNT_EXISTS: 'Er bestaat al een account met dit e-mailadres.',
    ACCOUNT_NOT_FOUND: 'Er is geen account met dit e-mailadres.',
    SETUP_DONE: 'Er is al een beheerder. Meld je aan.',
    TEMPLATE_NOT_FOUND: 'Dit sjabloon bestaat niet (meer).',
    BELOW_FLOOR:
      'Dat is te laag voor de anonimiteit: minstens 3 mensen per groep, 3 knelpunten samen en 10 seconden tussen twee groepjes. Er is niets veranderd.',
    PROTECTION_LOWERED:
      'Er heeft zich al iemand aangemeld: de anonimiteit kun je nu alleen nog verhogen, niet verlagen. Er is niets veranderd.',
    INSECURE_HTTP:
      'Aanmelden als begeleider kan hier alleen via https, of op de computer waarop Vrijuit draait: anderen op hetzelfde wifi-netwerk zouden je wachtwoord kunnen lezen.',
    SERVER_STOPPING: 'De server herstart. Wat je instuurde, wordt opnieuw verzonden zodra de verbinding terug is.',
    INTERNAL: 'Er ging iets mis op de server. Probeer het opnieuw.',
    TIMEOUT: 'De server antwoordt niet. Probeer het zo opnieuw.',
  } satisfies Record<ErrorCode | 'TIMEOUT', string>,
};
