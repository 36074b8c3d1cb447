/**
 * The console's live steering (agenda navigator, next round, projector preview, online per zone), in
 * Dutch (nl-BE). Other languages fall back to these until translated.
 */
export const nlSteering = {
  steering: {
    heading: 'Live sturen',
    next: 'Volgende ronde: {question}',
    nextHint: 'Sluit de open ronde en opent de volgende. Alle telefoons en de projector gaan mee.',
    closeLast: 'Laatste ronde sluiten',
    closeLastHint: 'Er staat geen ronde meer klaar: dit sluit de open ronde.',
    nothingLeft: 'Er staat geen ronde meer klaar. Voeg er een toe onderaan de agenda.',
    sending: 'Bezig…',
    navLabel: 'Verloop van de sessie',
    empty: 'Nog geen rondes. Maak hieronder je eerste ronde; daarna stuur je hier de zaal.',
    status: {
      draft: 'ontwerp',
      open: 'open',
      closed: 'gesloten',
      paused: 'op pauze',
    },
    current: 'Nu op de schermen',
    showAgain: 'Toon opnieuw',
    showAgainLabel: 'Toon opnieuw op telefoons en projector: {question}',
    minusMinute: '−1 min',
    plusMinute: '+1 min',
    minusMinuteLabel: 'Eén minuut minder voor: {question}',
    plusMinuteLabel: 'Eén minuut meer voor: {question}',
    timeLeft: 'Nog {time}',
    timerLabel: 'Resterende tijd',
    nowShowing: 'Nu op de schermen: {question}',
    actionNext: 'Naar de volgende ronde gaan',
    actionShow: 'Een ronde opnieuw tonen',
    previewHeading: 'Wat de zaal ziet',
    previewFrameTitle: 'Voorbeeld van het projectorscherm (alleen bekijken)',
    previewOpen: 'Projector openen in een nieuw venster',
    onlineColumn: 'Nu online',
    joinedColumn: 'Aangemeld',
  },
  /* TX6: a text round that would close with an empty plenary text while zones wrote drafts. */
  finalText: {
    heading: 'De plenaire tekst is nog leeg',
    body: 'De zones hebben wel een ontwerp geschreven. Sluit je de ronde nu, dan eindigt ze zonder gezamenlijke tekst.',
    gather: 'Ontwerpen in de plenaire tekst zetten',
    gatherHint: 'Elk ontwerp komt onder de naam van zijn zone. De ronde blijft open, zodat je samen kunt herschrijven.',
    gathering: 'Bezig met overnemen…',
    gathered: {
      one: 'Het ontwerp van 1 zone staat nu in de plenaire tekst. De ronde is nog open.',
      other: 'De ontwerpen van {n} zones staan nu in de plenaire tekst. De ronde is nog open.',
    },
    closeAnyway: 'Toch sluiten zonder tekst',
    back: 'Terug',
    failed: 'Dat lukte niet. Probeer opnieuw.',
  },
};
