import type { SessionDesignInput, SessionLanguage } from '@vrijuit/protocol';

/**
 * The working group "toekomstvisie Welzijnszorg Kempen" (seeds/000): 27 municipalities in five zones,
 * three facilitated sessions from pain points to themes to a shared position text. The annex places 11
 * municipalities in their zone (Balen, Mol; Herentals, Olen; Hoogstraten, Merksplas; Beerse, Kasterlee,
 * Turnhout; Geel, Herselt); the other 16 follow the usual split of the arrondissement Turnhout and should
 * be checked by the facilitator. No names of people from the annex.
 *
 * The template exists in the three languages of the interface (SPEC LN1); zone and municipality names
 * stay as they are.
 */
const zone = (name: string, municipalities: string[]) => ({
  name,
  municipalities: municipalities.map((m) => ({ name: m, weight: 1 })),
});

/** Every word of the template, per language. */
interface KempenTexts {
  name: string;
  summary: string;
  title: string;
  description: string;
  /** The eight themes of the note: five where not every zone sees a priority partner, three shared. */
  themes: string[];
  painQuestion: string;
  themeQuestion: string;
  principlesQuestion: string;
  principles: string[];
  textQuestion: string;
  pulseQuestion: string;
  pulseStatements: [string, string];
  pulseLabels: [string, string, string, string, string];
  /** KT7: every question and option in plain language (short sentences, common words). */
  plain: {
    painQuestion: string;
    themes: string[];
    themeQuestion: string;
    principlesQuestion: string;
    principles: string[];
    textQuestion: string;
    pulseQuestion: string;
    pulseStatements: [string, string];
  };
}

export const kempenTexts: Record<SessionLanguage, KempenTexts> = {
  'nl-BE': {
    name: 'Toekomstvisie Welzijnszorg Kempen',
    summary: 'Vijf zones, 27 gemeenten: pijnpunten, themastemming, uitgangspunten, standpunttekst, slotpeiling.',
    title: 'Toekomstvisie Welzijnszorg Kempen',
    description:
      'Werkgroep van de 27 besturen in vijf zones: pijnpunten vrijuit benoemen, kiezen op welke thema’s de regionale welzijnsorganisatie inzet, en samen een standpunttekst schrijven (eerst per zone, dan over de zones heen).',
    themes: [
      'Opgroeien',
      'Ouder worden',
      'Diversiteit en gelijke kansen',
      'Tewerkstelling',
      'Gezondheidszorg',
      '(Precair) wonen',
      'Geestelijke gezondheidszorg',
      'Welzijn en hulpverlening',
    ],
    painQuestion: 'Welke pijnpunten ervaar je in de samenwerking met de regionale welzijnsorganisatie?',
    themeQuestion: 'Op welke thema’s moet de regionale welzijnsorganisatie inzetten?',
    principlesQuestion: 'Kunnen we ons vinden in deze uitgangspunten?',
    principles: [
      'Er blijft nood aan een bovenlokale, democratisch gelegitimeerde welzijnsorganisatie.',
      'Focus gaat voor expansie: de opdrachten worden herbekeken.',
      'Dienstverlening is kostendelend: elk bestuur kiest zelf of het instapt.',
      'Innovatie, regionaal sociaal beleid en belangenbehartiging worden solidair gefinancierd.',
      'De organisatie vertrekt vanuit de zonale werking.',
    ],
    textQuestion: 'Standpunttekst: hoe zien we de regionale welzijnsorganisatie van morgen?',
    pulseQuestion: 'Kon je vandaag vrijuit spreken?',
    pulseStatements: ['Binnen mijn zone', 'In het debat tussen de zones'],
    pulseLabels: ['Helemaal niet', 'Eerder niet', 'Neutraal', 'Eerder wel', 'Helemaal wel'],
    plain: {
      painQuestion: 'Wat loopt er mis als je samenwerkt met de welzijnsorganisatie?',
      themes: [
        'Kinderen en jongeren',
        'Oudere mensen',
        'Iedereen telt mee',
        'Werk',
        'Gezondheid',
        'Een goed huis',
        'Je goed voelen in je hoofd',
        'Hulp krijgen',
      ],
      themeQuestion: 'Waar moet de welzijnsorganisatie aan werken? Kies wat jij het belangrijkst vindt.',
      principlesQuestion: 'Ben je het eens met deze zinnen?',
      principles: [
        'We hebben een welzijnsorganisatie nodig voor heel de streek.',
        'De organisatie doet minder dingen, maar doet ze goed.',
        'Elke gemeente kiest zelf welke hulp ze koopt.',
        'Voor nieuwe ideeën betalen alle gemeenten samen.',
        'De organisatie werkt dicht bij de mensen in elke zone.',
      ],
      textQuestion: 'We schrijven samen een tekst. Hoe moet de welzijnsorganisatie later zijn?',
      pulseQuestion: 'Kon je vandaag zeggen wat je dacht?',
      pulseStatements: ['Met de mensen van mijn zone', 'Met de mensen van de andere zones'],
    },
  },
  fr: {
    name: 'Vision d’avenir de l’aide sociale en Campine',
    summary: 'Cinq zones, 27 communes : points sensibles, vote sur les thèmes, principes, texte commun, sondage final.',
    title: 'Vision d’avenir de l’aide sociale en Campine',
    description:
      'Groupe de travail des 27 administrations en cinq zones : nommer librement les points sensibles, choisir les thèmes sur lesquels l’organisation régionale d’aide sociale s’engage, et écrire ensemble un texte commun (d’abord par zone, puis entre les zones).',
    themes: [
      'Grandir',
      'Vieillir',
      'Diversité et égalité des chances',
      'Emploi',
      'Soins de santé',
      'Logement (précaire)',
      'Soins de santé mentale',
      'Bien-être et aide sociale',
    ],
    painQuestion:
      'Quels points sensibles vivez-vous dans la collaboration avec l’organisation régionale d’aide sociale ?',
    themeQuestion: 'Sur quels thèmes l’organisation régionale d’aide sociale doit-elle s’engager ?',
    principlesQuestion: 'Pouvons-nous nous retrouver dans ces principes ?',
    principles: [
      'Une organisation d’aide sociale supralocale et démocratiquement légitimée reste nécessaire.',
      'Se concentrer passe avant s’étendre : les missions sont réexaminées.',
      'Les services sont à frais partagés : chaque administration choisit d’y adhérer ou non.',
      'L’innovation, la politique sociale régionale et la défense des intérêts sont financées solidairement.',
      'L’organisation part du travail dans les zones.',
    ],
    textQuestion: 'Texte commun : comment voyons-nous l’organisation régionale d’aide sociale de demain ?',
    pulseQuestion: 'Avez-vous pu vous exprimer librement aujourd’hui ?',
    pulseStatements: ['Dans ma zone', 'Dans le débat entre les zones'],
    pulseLabels: ['Pas du tout', 'Plutôt pas', 'Neutre', 'Plutôt oui', 'Tout à fait'],
    plain: {
      painQuestion: 'Qu’est-ce qui ne va pas quand vous travaillez avec l’organisation d’aide sociale ?',
      themes: [
        'Les enfants et les jeunes',
        'Les personnes âgées',
        'Chacun compte',
        'Le travail',
        'La santé',
        'Un bon logement',
        'Se sentir bien dans sa tête',
        'Recevoir de l’aide',
      ],
      themeQuestion:
        'Sur quoi l’organisation d’aide sociale doit-elle travailler ? Choisissez ce qui compte le plus pour vous.',
      principlesQuestion: 'Êtes-vous d’accord avec ces phrases ?',
      principles: [
        'Nous avons besoin d’une organisation d’aide sociale pour toute la région.',
        'L’organisation fait moins de choses, mais elle les fait bien.',
        'Chaque commune choisit elle-même l’aide qu’elle achète.',
        'Toutes les communes paient ensemble pour les idées nouvelles.',
        'L’organisation travaille près des gens, dans chaque zone.',
      ],
      textQuestion: 'Nous écrivons un texte ensemble. Comment doit être l’organisation d’aide sociale plus tard ?',
      pulseQuestion: 'Avez-vous pu dire ce que vous pensiez aujourd’hui ?',
      pulseStatements: ['Avec les gens de ma zone', 'Avec les gens des autres zones'],
    },
  },
  en: {
    name: 'Future of welfare in the Kempen',
    summary: 'Five zones, 27 municipalities: pain points, theme vote, principles, shared text, closing pulse.',
    title: 'Future of welfare in the Kempen',
    description:
      'Working group of the 27 local governments in five zones: name pain points freely, choose the themes the regional welfare organisation focuses on, and write a shared position text together (first per zone, then across the zones).',
    themes: [
      'Growing up',
      'Growing older',
      'Diversity and equal opportunities',
      'Employment',
      'Health care',
      '(Precarious) housing',
      'Mental health care',
      'Welfare and social support',
    ],
    painQuestion: 'What pain points do you experience in working with the regional welfare organisation?',
    themeQuestion: 'Which themes should the regional welfare organisation focus on?',
    principlesQuestion: 'Can we agree with these principles?',
    principles: [
      'A supra-local, democratically legitimate welfare organisation is still needed.',
      'Focus comes before expansion: the organisation’s tasks are reviewed.',
      'Services are cost-sharing: each local government chooses whether to join.',
      'Innovation, regional social policy and advocacy are funded in solidarity.',
      'The organisation starts from the work in the zones.',
    ],
    textQuestion: 'Position text: how do we see the regional welfare organisation of tomorrow?',
    pulseQuestion: 'Could you speak freely today?',
    pulseStatements: ['Within my zone', 'In the debate between the zones'],
    pulseLabels: ['Not at all', 'Rather not', 'Neutral', 'Rather yes', 'Completely'],
    plain: {
      painQuestion: 'What goes wrong when you work with the welfare organisation?',
      themes: [
        'Children and young people',
        'Older people',
        'Everyone counts',
        'Work',
        'Health',
        'A good home',
        'Feeling well in your mind',
        'Getting help',
      ],
      themeQuestion: 'What should the welfare organisation work on? Choose what matters most to you.',
      principlesQuestion: 'Do you agree with these sentences?',
      principles: [
        'We need a welfare organisation for the whole region.',
        'The organisation does fewer things, but does them well.',
        'Each town chooses for itself what help it buys.',
        'All towns pay together for new ideas.',
        'The organisation works close to the people in each zone.',
      ],
      textQuestion: 'We write a text together. What should the welfare organisation be like later?',
      pulseQuestion: 'Could you say what you thought today?',
      pulseStatements: ['With the people of my zone', 'With the people of the other zones'],
    },
  },
};

/** The eight themes in Dutch. */
export const KEMPEN_THEMES = kempenTexts['nl-BE'].themes;

/** The template's design in `language`. */
export function kempenDesign(language: SessionLanguage): SessionDesignInput {
  const t = kempenTexts[language];
  return {
    title: t.title,
    description: t.description,
    date: null,
    language,
    zones: [
      zone('Baldemore', ['Balen', 'Dessel', 'Mol', 'Retie']),
      zone('Neteland', ['Grobbendonk', 'Herentals', 'Herenthout', 'Olen', 'Vorselaar']),
      zone('Noorderkempen', ['Baarle-Hertog', 'Hoogstraten', 'Merksplas', 'Rijkevorsel']),
      zone('RIT', ['Arendonk', 'Beerse', 'Kasterlee', 'Lille', 'Oud-Turnhout', 'Ravels', 'Turnhout', 'Vosselaar']),
      zone('Zuiderkempen', ['Geel', 'Herselt', 'Hulshout', 'Laakdal', 'Meerhout', 'Westerlo']),
    ],
    // 2-3 people per zone: a threshold of 3 hides a zone's breakdown rather than expose two people.
    // KT7: plain language is off; the facilitator turns it on for the room that needs it.
    settings: { anonymityThreshold: 3, weighted: false, releaseEverySeconds: 15, releaseMinEntries: 3 },
    agenda: [
      {
        question: t.painQuestion,
        options: t.themes,
        config: { kind: 'pain-points', perParticipant: 3, premoderation: false },
        reveal: 'live',
        plain: { question: t.plain.painQuestion, options: t.plain.themes },
      },
      {
        question: t.themeQuestion,
        options: t.themes,
        // Three dots over eight themes forces a focus, the note's own ask ("focus boven expansie").
        config: { kind: 'dot-voting', budget: 3, maxPerOption: 2 },
        plain: { question: t.plain.themeQuestion, options: t.plain.themes },
      },
      {
        question: t.principlesQuestion,
        options: t.principles,
        config: { kind: 'agreement', preset: 'gradients' },
        plain: { question: t.plain.principlesQuestion, options: t.plain.principles },
      },
      {
        question: t.textQuestion,
        options: [],
        config: { kind: 'position-text', zoneDrafts: true },
        plain: { question: t.plain.textQuestion, options: [] },
      },
      {
        question: t.pulseQuestion,
        // Zones first align among themselves, then debate across zones: the pulse asks about both.
        options: t.pulseStatements,
        config: { kind: 'scale', labels: t.pulseLabels },
        // The same key in every language: the pulse compares across sessions whatever they spoke.
        compareKey: 'speak-freely',
        plain: { question: t.plain.pulseQuestion, options: t.plain.pulseStatements },
      },
    ],
  };
}
