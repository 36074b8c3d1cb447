/**
 * The strings of a pain-point round (the wall), in Dutch (nl-BE): shared by the phone, the console and
 * the projector, loaded with a round's screens like nl-round.ts. `wall.phone`, `wall.own` and
 * `wall.errors` are the phone's.
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
    /** The phone while the round is open: writing an entry. */
    phone: {
      anonymity:
        'De zaal ziet je tekst samen met die van anderen, in willekeurige volgorde; niemand, ook de begeleider niet, ziet wie wat schreef. Ook wie de bestanden van de server heeft, kan niet zien wat jij schreef.',
      anonymityPremoderated:
        'De begeleider leest je tekst eerst, zonder te weten wie hem schreef; daarna ziet de zaal hem samen met die van anderen, in willekeurige volgorde. Niemand ziet wie wat schreef. Ook wie de bestanden van de server heeft, kan niet zien wat jij schreef.',
      textLabel: 'Jouw punt',
      textHint: 'Kort en concreet, in je eigen woorden. Noem geen namen van mensen.',
      counter: '{n} van {max} tekens',
      counterOver: { one: '1 teken te veel', other: '{n} tekens te veel' },
      counterNear: { one: 'Nog 1 teken over', other: 'Nog {n} tekens over' },
      themeLegend: 'Bij welk thema hoort het?',
      themeHint: 'Niet verplicht. De begeleider kan het later nog bij een thema zetten.',
      noTheme: 'Geen thema',
      send: 'Toevoegen',
      added: { one: '{count} van 1 punt toegevoegd', other: '{count} van {n} punten toegevoegd' },
      empty: 'Schrijf eerst je punt.',
      tooLong: 'Je tekst is te lang: hoogstens {max} tekens. Maak hem wat korter.',
      limitReached: 'Je hebt al je punten toegevoegd. Bedankt!',
      limitReachedWall: 'Je hebt al je punten toegevoegd. Herken je iets op de muur? Zeg dan “ik ook”.',
      sentAnnounce: 'Je punt is verstuurd. Je kunt nog een punt schrijven.',
      sentLastAnnounce: 'Je punt is verstuurd. Dat was je laatste punt.',
      locked: 'Je kunt even geen punten toevoegen of “ik ook” zeggen. Wat je al verstuurde, blijft bewaard.',
      timeLeftLabel: 'Tijd om punten toe te voegen',
      lastMinute: 'Nog één minuut om punten toe te voegen.',
      lastSeconds: 'Nog tien seconden om punten toe te voegen.',
      closedTitle: 'Ronde gesloten — bedankt!',
      closed: 'Wacht even op de volgende vraag. Dit scherm verandert vanzelf.',
      wallHidden: 'De begeleider kan de muur zo tonen.',
      announceLocked: 'De begeleider heeft de ronde gepauzeerd.',
      announceClosed: 'De ronde is gesloten.',
      announceWall: 'De muur wordt getoond.',
    },
    /** "Jouw punten": this phone's own entries, which only this phone knows. */
    own: {
      heading: 'Jouw punten',
      hint: 'Alleen jij ziet deze lijst, op dit toestel.',
      pending: 'Wordt verstuurd…',
      pendingOffline: 'Nog niet verstuurd: wacht op verbinding…',
      /** Acked, not stored yet: it waits for the entries of other participants (AN13). */
      received:
        'Ontvangen. Je punt wordt samen met die van anderen opgeslagen, zodat niemand kan zien wie wat schreef.',
      saved: 'Opgeslagen — verschijnt straks op de muur, samen met andere.',
      savedPremoderated:
        'Opgeslagen — de begeleider leest het eerst; daarna verschijnt het op de muur, samen met andere.',
      savedWallHidden: 'Opgeslagen — komt samen met andere op de muur.',
      onWall: 'Opgeslagen, op de muur',
      merged: 'Op de muur, samengevoegd met een gelijkaardig punt',
      failed: 'Niet toegevoegd. {reason}',
      retry: 'Opnieuw proberen',
      dismiss: 'Weghalen',
      theme: 'Thema: {theme}',
      yours: 'Jouw punt',
    },
    /** The wall as the phone shows it, with "ik ook". */
    view: {
      heading: 'De muur',
      hint: 'Herken je een punt? Tik op “Ik ook”. Alleen het aantal telt: niemand ziet wie “ik ook” zei, ook wie de bestanden van de server heeft niet.',
      supportButton: 'Ik ook',
      supportNone: 'Nog geen “ik ook”',
      mergedOwn: 'Jouw punt zit hierin',
      supportPending: 'Wordt verstuurd…',
      supportReceived: 'Ontvangen. Het telt mee samen met dat van anderen, zodat niemand ziet wie “ik ook” zei.',
      supportSent: 'Opgeslagen.',
      supportFailed: '“Ik ook” is niet verstuurd. {reason}',
      points: { one: '1 punt', other: '{n} punten' },
    },
    /** Refusals said the way a pain-point round needs (the others come from `errors`). */
    errors: {
      BAD_REQUEST: 'Je tekst kon niet verstuurd worden. Kijk hem na: hoogstens 280 tekens.',
      ROUND_NOT_OPEN: 'De ronde is al gesloten.',
      ROUND_LOCKED: 'De begeleider heeft de ronde even gepauzeerd. Probeer opnieuw zodra ze weer open is.',
      ROUND_KIND: 'Deze vraag neemt geen punten aan. Herlaad de pagina.',
      THEME_NOT_FOUND: 'Dat thema bestaat niet (meer). Kies een ander thema of geen thema.',
      PAIN_POINT_LIMIT: 'Je hebt al zoveel punten toegevoegd als de begeleider toelaat.',
      POINT_NOT_FOUND: 'Dat punt staat niet (meer) op de muur.',
      POINT_STATE: 'Dat punt is intussen verborgen of samengevoegd met een ander.',
    },
  },
};
