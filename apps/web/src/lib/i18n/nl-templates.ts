/**
 * The strings of saved templates, the status in the sessions list and the pulse across sessions, in
 * Dutch (nl-BE). Merged into the facilitator's catalogue (facilitator.ts).
 */
export const nlTemplates = {
  templates: {
    saveHeading: 'Bewaar als sjabloon',
    saveHint: 'Bewaart de opzet: details, zones, instellingen en agenda. Nooit deelnemers, stemmen of pijnpunten.',
    nameLabel: 'Naam van het sjabloon',
    save: 'Bewaar als sjabloon',
    saved: 'Sjabloon "{name}" bewaard. Je vindt het bij een nieuwe sessie.',
    saveFailed: 'Het sjabloon is niet bewaard: {reason}',
    nameRequired: 'Geef het sjabloon een naam.',
    own: 'Eigen sjabloon',
    ownDescription: 'Door jou bewaard op {date}.',
    delete: 'Verwijder sjabloon {name}',
    deleted: 'Sjabloon "{name}" verwijderd.',
  },
  sessionsList: {
    showArchived: 'Toon gearchiveerde',
    archivedHidden: '{n} gearchiveerde sessie(s) verborgen.',
    compareLink: 'Vrijuit spreken door de sessies heen',
  },
  acrossSessions: {
    title: 'Door de sessies heen',
    intro: 'Elke afgesloten ronde met dezelfde vraag, de nieuwste sessie eerst.',
    empty: 'Nog geen afgesloten rondes om te vergelijken. Ze verschijnen hier zodra een sessie die ronde afsluit.',
    loadFailed: 'De vergelijking kon niet geladen worden.',
    noDate: 'zonder datum',
    respondents: { one: '1 deelnemer', other: '{n} deelnemers' },
    back: 'Terug naar sessies',
  },
};
