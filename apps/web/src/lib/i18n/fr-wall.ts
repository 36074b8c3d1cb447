import type { PartialWallMessages } from './types.ts';

/** French, the wall's strings: a start. Keys left out fall back to Dutch. */
export const frWall: PartialWallMessages = {
  wall: {
    noTheme: 'Sans thème',
    hiddenReason: { facilitator: 'Masqué par l’animateur' },
    empty: 'Pas encore de points. Ils apparaissent ici par petits groupes, dans un ordre aléatoire.',
    phone: {
      anonymity:
        'La salle voit votre texte avec ceux des autres, dans un ordre aléatoire ; personne, pas même l’animateur, ne voit qui a écrit quoi. Même une personne qui a les fichiers du serveur ne peut pas voir ce que vous avez écrit.',
      anonymityPremoderated:
        'L’animateur lit d’abord votre texte, sans savoir qui l’a écrit ; ensuite la salle le voit avec ceux des autres, dans un ordre aléatoire. Personne ne voit qui a écrit quoi. Même une personne qui a les fichiers du serveur ne peut pas voir ce que vous avez écrit.',
      textLabel: 'Votre point',
      noTheme: 'Pas de thème',
      send: 'Ajouter',
      added: { one: '{count} point sur 1 ajouté', other: '{count} points sur {n} ajoutés' },
      closedTitle: 'Tour clôturé — merci !',
    },
    own: {
      heading: 'Vos points',
      hint: 'Vous seul voyez cette liste, sur cet appareil.',
      pending: 'Envoi…',
      received:
        'Reçu. Votre point est enregistré avec ceux des autres, pour que personne ne puisse voir qui a écrit quoi.',
      saved: 'Enregistré — apparaîtra bientôt sur le mur, avec d’autres.',
      onWall: 'Enregistré, sur le mur',
      yours: 'Votre point',
    },
    view: { heading: 'Le mur', supportButton: 'Moi aussi', supportNone: 'Pas encore de « moi aussi »' },
  },
};
