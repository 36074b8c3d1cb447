import type { PartialCockpitMessages } from './types.ts';

/** The cockpit in English and French: the words a presenter sees first. Keys left out fall back to Dutch. */
export const enCockpit: PartialCockpitMessages = {
  cockpit: {
    modeLive: 'Live',
    modeLiveRunning: 'Live · session running',
    modeDesign: 'Design',
    agendaHeading: 'Agenda',
    joinHeading: 'Join',
    joinCode: 'Code',
    onlineHeading: 'Phones online',
    onlineTotal: '{online} online · {joined} joined',
    waitingHeading: 'Input waiting',
    waitingNone: 'Nothing is waiting.',
    toolsHeading: 'More',
    tools: {
      door: 'Door',
      session: 'Session',
      export: 'Export',
      paper: 'Paper',
      attendance: 'Attendance',
      settings: 'Settings',
    },
    closeTool: 'Close',
    shortcutsButton: 'Shortcuts',
    shortcutsHeading: 'Keyboard shortcuts',
    shortcutsIntro: 'They do nothing while you type in a field.',
    keys: {
      next: 'Next round',
      reveal: 'Show or hide results',
      timer: 'Timer: one more minute (or start one)',
      lock: 'Pause or resume',
      open: 'Open the round you are looking at',
      help: 'Show or hide this list',
    },
  },
};

export const frCockpit: PartialCockpitMessages = {
  cockpit: {
    modeLive: 'En direct',
    modeLiveRunning: 'En direct · séance en cours',
    modeDesign: 'Préparer',
    agendaHeading: 'Programme',
    joinHeading: 'Rejoindre',
    joinCode: 'Code',
    onlineHeading: 'Téléphones en ligne',
    onlineTotal: '{online} en ligne · {joined} inscrits',
    waitingHeading: 'En attente',
    waitingNone: 'Rien n’attend.',
    toolsHeading: 'Plus',
    tools: {
      door: 'Porte',
      session: 'Séance',
      export: 'Export',
      paper: 'Papier',
      attendance: 'Présences',
      settings: 'Réglages',
    },
    closeTool: 'Fermer',
    shortcutsButton: 'Raccourcis',
    shortcutsHeading: 'Raccourcis clavier',
    shortcutsIntro: 'Ils ne font rien pendant que vous tapez dans un champ.',
    keys: {
      next: 'Tour suivant',
      reveal: 'Afficher ou masquer les résultats',
      timer: 'Minuteur : une minute de plus (ou démarrer)',
      lock: 'Mettre en pause ou reprendre',
      open: 'Ouvrir le tour affiché',
      help: 'Afficher ou masquer cette liste',
    },
  },
};
