/**
 * The strings of a position-text round (co-writing), in Dutch (nl-BE): shared by the phone, the console
 * and the projector, loaded with a round's screens like nl-round.ts and nl-wall.ts.
 */
export const nlText = {
  text: {
    notice:
      'Samen schrijven is niet anoniem zoals de knelpunten: wie typt, is even zichtbaar voor wie meeschrijft; de uitvoer bevat alleen de tekst.',
    contentLabel: 'Tekst: {title}',
    plenary: 'Plenaire tekst',
    zoneDraft: 'Ontwerp van {zone}',
    ownDraft: 'Ontwerp van je zone',
    switchLabel: 'Welke tekst',
    toolbarLabel: 'Opmaak',
    tools: {
      heading: 'Tussentitel',
      bold: 'Vet',
      italic: 'Cursief',
      bulletList: 'Opsomming',
      orderedList: 'Genummerde lijst',
    },
    connection: {
      connecting: 'verbinden…',
      connected: 'verbonden',
      saved: 'alles bewaard',
      reconnecting: 'opnieuw verbinden…',
      tooLarge: 'de tekst is te lang geworden: je laatste wijziging is niet bewaard',
      stopped: 'niet meer verbonden: herlaad de pagina',
    },
    participant: 'deelnemer',
    facilitator: 'Begeleider',
    alone: 'Niemand anders schrijft nu mee.',
    others: { one: 'Ook aan het schrijven: {names}', other: '{n} anderen schrijven mee: {names}' },
    locked: 'De begeleider heeft de tekst vergrendeld: je kunt hem lezen, niet wijzigen.',
    closed: 'Deze ronde is gesloten: de tekst kan niet meer wijzigen.',
    readOnly: 'Alleen lezen.',
    empty: 'Nog geen tekst.',
  },
};
