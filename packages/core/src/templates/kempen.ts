import type { SessionDesignInput } from '@vrijuit/protocol';

/**
 * The working group "toekomstvisie Welzijnszorg Kempen" (seeds/000): 27 municipalities in five zones,
 * three facilitated sessions from pain points to themes to a shared position text. The annex places 11
 * municipalities in their zone (Balen, Mol; Herentals, Olen; Hoogstraten, Merksplas; Beerse, Kasterlee,
 * Turnhout; Geel, Herselt); the other 16 follow the usual split of the arrondissement Turnhout and should
 * be checked by the facilitator. No names of people from the annex.
 */
const zone = (name: string, municipalities: string[]) => ({
  name,
  municipalities: municipalities.map((m) => ({ name: m, weight: 1 })),
});

/** The eight themes of the note: five where not every zone sees a priority partner, three shared. */
export const KEMPEN_THEMES = [
  'Opgroeien',
  'Ouder worden',
  'Diversiteit en gelijke kansen',
  'Tewerkstelling',
  'Gezondheidszorg',
  '(Precair) wonen',
  'Geestelijke gezondheidszorg',
  'Welzijn en hulpverlening',
];

export const kempenDesign: SessionDesignInput = {
  title: 'Toekomstvisie Welzijnszorg Kempen',
  description:
    'Werkgroep van de 27 besturen in vijf zones: pijnpunten vrijuit benoemen, kiezen op welke thema’s de regionale welzijnsorganisatie inzet, en samen een standpunttekst schrijven (eerst per zone, dan over de zones heen).',
  date: null,
  language: 'nl-BE',
  zones: [
    zone('Baldemore', ['Balen', 'Dessel', 'Mol', 'Retie']),
    zone('Neteland', ['Grobbendonk', 'Herentals', 'Herenthout', 'Olen', 'Vorselaar']),
    zone('Noorderkempen', ['Baarle-Hertog', 'Hoogstraten', 'Merksplas', 'Rijkevorsel']),
    zone('RIT', ['Arendonk', 'Beerse', 'Kasterlee', 'Lille', 'Oud-Turnhout', 'Ravels', 'Turnhout', 'Vosselaar']),
    zone('Zuiderkempen', ['Geel', 'Herselt', 'Hulshout', 'Laakdal', 'Meerhout', 'Westerlo']),
  ],
  // 2-3 people per zone: a threshold of 3 hides a zone's breakdown rather than expose two people.
  settings: { anonymityThreshold: 3, weighted: false, releaseEverySeconds: 15, releaseMinEntries: 3 },
  agenda: [
    {
      question: 'Welke pijnpunten ervaar je in de samenwerking met de regionale welzijnsorganisatie?',
      options: KEMPEN_THEMES,
      config: { kind: 'pain-points', perParticipant: 3, premoderation: false },
      reveal: 'live',
    },
    {
      question: 'Op welke thema’s moet de regionale welzijnsorganisatie inzetten?',
      options: KEMPEN_THEMES,
      // Three dots over eight themes forces a focus, the note's own ask ("focus boven expansie").
      config: { kind: 'dot-voting', budget: 3, maxPerOption: 2 },
    },
    {
      question: 'Kunnen we ons vinden in deze uitgangspunten?',
      options: [
        'Er blijft nood aan een bovenlokale, democratisch gelegitimeerde welzijnsorganisatie.',
        'Focus gaat voor expansie: de opdrachten worden herbekeken.',
        'Dienstverlening is kostendelend: elk bestuur kiest zelf of het instapt.',
        'Innovatie, regionaal sociaal beleid en belangenbehartiging worden solidair gefinancierd.',
        'De organisatie vertrekt vanuit de zonale werking.',
      ],
      config: { kind: 'agreement', preset: 'gradients' },
    },
    {
      question: 'Standpunttekst: hoe zien we de regionale welzijnsorganisatie van morgen?',
      options: [],
      config: { kind: 'position-text', zoneDrafts: true },
    },
    {
      question: 'Kon je vandaag vrijuit spreken?',
      // Zones first align among themselves, then debate across zones: the pulse asks about both.
      options: ['Binnen mijn zone', 'In het debat tussen de zones'],
      config: {
        kind: 'scale',
        labels: ['Helemaal niet', 'Eerder niet', 'Neutraal', 'Eerder wel', 'Helemaal wel'],
      },
      compareKey: 'speak-freely',
    },
  ],
};
