import type { PartialFacilitatorMessages } from './types.ts';

/** Français, côté animateur : un début. Les clés absentes retombent sur le néerlandais. */
export const frFacilitator: PartialFacilitatorMessages = {
  create: {
    anonymityHeading: 'Anonymat',
    releaseEveryLabel: 'Afficher les nouveaux points au plus toutes les … secondes',
    releaseMinLabel: 'Afficher au moins autant de points ensemble',
  },
  kinds: {
    'pain-points': 'Points de friction (anonymes)',
    hints: { 'pain-points': 'Chacun note anonymement ce qui coince ; les autres peuvent dire « moi aussi ».' },
  },
  board: {
    wallHeading: 'Mur',
    addTheme: '+ Thème',
    actions: 'Actions',
    menuTheme: 'Thème…',
    menuHide: 'Masquer…',
    menuShow: 'Afficher à nouveau',
    menuMerge: 'Fusionner avec…',
    approve: 'Accepter',
    reject: 'Refuser…',
    cancel: 'Annuler',
  },
  console: {
    versionsHeading: 'Versions',
    versionLabel: 'Nom de la version',
    versionDefault: 'Version {number}',
    versionSave: 'Enregistrer la version',
    versionView: 'Voir',
    versionClose: 'Fermer',
    assemble: 'Ajouter au texte plénier',
    assembled: 'Le projet de {zone} est maintenant à la fin du texte plénier.',
    open: 'Ouvrir le vote',
    close: 'Clôturer le vote',
    lock: 'Mettre en pause',
    unlock: 'Reprendre',
    reveal: 'Afficher les résultats',
    hide: 'Masquer les résultats',
  },
  projector: {
    fullscreen: 'Plein écran',
    writeNow: 'Notez sur votre téléphone ce qui coince. Personne ne voit qui a écrit quoi.',
  },
};
