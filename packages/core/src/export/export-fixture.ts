/**
 * For tests only (`@vrijuit/core/export-fixture`): a closed workshop with every kind of round, built
 * by running decisions through evolve the way the server does, and the input the server would give
 * `exportDocument`. The words are a parameter, so the same session can be filled with the hostile
 * corpus (export-corpus.ts) to test every format against XSS and formula injection.
 *
 * Every secret a session holds is a distinctive string ending in `SECRET` (participant ids, names,
 * token hashes, voter keys and secrets, the owner's account id), and the session, round and pain-point
 * ids are listed in `FIXTURE_IDS`: an anonymity test looks for each of them in every export.
 */
import type { RoundConfig } from '@vrijuit/protocol';
import { AGREEMENT_LEVELS, textDocName } from '@vrijuit/protocol/constants';
import { createSession, rerunRound } from '../decide.ts';
import { acceptSuggestion, hidePainPoint, mergePainPoint } from '../decide-pain-points.ts';
import { castPaperVote } from '../decide-paper.ts';
import type { SessionState } from '../state.ts';
import {
  addRound,
  cast,
  endRound,
  join,
  release,
  run,
  startRound,
  submit,
  support,
  OWNER_ACCOUNT_ID,
} from '../test-fixtures.ts';
import type { ExportInput } from './export-document.ts';
import type { AgreementLevelLabels } from './export-results.ts';
import { agreementStatements, type TextNode } from './text-nodes.ts';

export interface FixtureWords {
  title: string;
  description: string;
  facilitator: string;
  zones: [string, string, string];
  municipalities: [string, string, string];
  themes: [string, string, string];
  questions: {
    pain: string;
    dots: string;
    single: string;
    ranking: string;
    scale: string;
    text: string;
    agreement: string;
  };
  scaleLabels: [string, string, string];
  /** Pain-point texts: six entries, entry 5 is merged into entry 0, entry 4 is hidden, entry 3 filed by a suggestion. */
  points: [string, string, string, string, string, string];
  /** The plenary text: a heading, two paragraphs and a list of two items. */
  text: { heading: string; paragraphs: [string, string]; items: [string, string] };
  zoneDraft: string;
}

export const DUTCH_WORDS: FixtureWords = {
  title: 'Toekomst welzijnszorg Kempen — sessie 2',
  description: 'Tweede werksessie van de werkgroep: knelpunten, prioriteiten en een gezamenlijke nota.',
  facilitator: 'Procesbegeleider Els',
  zones: ['Neteland', 'Kempen Noord', 'Zuiderkempen'],
  municipalities: ['Herentals', 'Grobbendonk', 'Olen'],
  themes: ['Werkdruk', 'Communicatie', 'Financiering'],
  questions: {
    pain: 'Wat loopt er vandaag mis?',
    dots: 'Op welke thema’s moet de organisatie inzetten?',
    single: 'Gaan we verder met deze nota?',
    ranking: 'Welke volgorde van aanpak?',
    scale: 'Is de organisatie een prioritaire partner?',
    text: 'Onze gezamenlijke nota',
    agreement: 'Kun je je vinden in deze paragrafen?',
  },
  scaleLabels: ['Nee', 'Neutraal', 'Ja'],
  points: [
    'Wachtlijsten zijn te lang',
    'We horen beslissingen pas achteraf',
    'De bijdrage per inwoner stijgt elk jaar',
    'Te veel overleg zonder besluit',
    'Iemand met naam en toenaam beschuldigen',
    'Wachttijden veel te lang',
  ],
  text: {
    heading: 'Visie',
    paragraphs: [
      'Wij willen een organisatie die luistert naar de gemeenten.',
      'Elke gemeente telt even zwaar in de keuzes.',
    ],
    items: ['Minder overleg, meer besluiten', 'Jaarlijks een open evaluatie'],
  },
  zoneDraft: 'Neteland vraagt vooral duidelijkheid over de kosten.',
};

/** Round ids (long enough for the protocol) and the pain points' random-looking ids. */
export const FIXTURE_IDS = {
  session: 'session-export-fixture',
  joinCode: 'EXPO23',
  rounds: [
    'round-pain-1',
    'round-dots-1',
    'round-dots-2',
    'round-single',
    'round-ranking',
    'round-scale',
    'round-text-1',
    'round-agree-1',
    'round-draft-1',
  ],
  points: ['point-q7k2', 'point-b3x9', 'point-m1c4', 'point-z8r5', 'point-f6t0', 'point-a2n7'],
} as const;

const [PAIN, DOTS, RERUN, SINGLE, RANKING, SCALE, TEXT, AGREE, DRAFT] = FIXTURE_IDS.rounds;

/** Participants 1-12: zone z1 (1-6: three in z1m1, two in z1m2, one in z1m3), z2 (7-10), z3 (11-12, under k). */
const PEOPLE: readonly [number, string, string | null][] = [
  [1, 'z1', 'z1m1'],
  [2, 'z1', 'z1m1'],
  [3, 'z1', 'z1m1'],
  [4, 'z1', 'z1m2'],
  [5, 'z1', 'z1m2'],
  [6, 'z1', 'z1m3'],
  [7, 'z2', null],
  [8, 'z2', null],
  [9, 'z2', null],
  [10, 'z2', null],
  [11, 'z3', null],
  [12, 'z3', null],
];

export const participantName = (n: number) => `naam-${n}-SECRET`;

const para = (text: string): TextNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });

/** The position texts as the server reads them out of Yjs (ProseMirror JSON). */
export function fixtureTexts(words: FixtureWords = DUTCH_WORDS): Record<string, TextNode> {
  return {
    [textDocName(TEXT, null)]: {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: words.text.heading }] },
        para(words.text.paragraphs[0]),
        {
          type: 'paragraph',
          content: [{ type: 'text', text: words.text.paragraphs[1], marks: [{ type: 'bold' }] } as TextNode],
        },
        {
          type: 'bulletList',
          content: words.text.items.map((item) => ({ type: 'listItem', content: [para(item)] })),
        },
      ],
    },
    [textDocName(TEXT, 'z1')]: { type: 'doc', content: [para(words.zoneDraft)] },
    [textDocName(TEXT, 'z2')]: { type: 'doc', content: [para('')] },
  };
}

const agreementLevels = (): AgreementLevelLabels => ({
  gradients: Array.from({ length: AGREEMENT_LEVELS.gradients }, (_, i) => `Niveau ${i + 1}`),
  'fist-of-five': Array.from({ length: AGREEMENT_LEVELS['fist-of-five'] }, (_, i) => `Vingers ${5 - i}`),
});

/** What the server passes to `exportDocument` for the fixture session. */
export function fixtureInput(words: FixtureWords = DUTCH_WORDS): ExportInput {
  return {
    facilitator: words.facilitator,
    texts: fixtureTexts(words),
    words: { agreementLevels: agreementLevels(), withoutMunicipality: '{zone}, zonder gemeente' },
  };
}

/** The fixture session, closed, with its rounds run as a workshop would. */
export function fixtureSession(words: FixtureWords = DUTCH_WORDS): SessionState {
  let s = run(
    null,
    createSession({
      sessionId: FIXTURE_IDS.session,
      joinCode: FIXTURE_IDS.joinCode,
      title: words.title,
      description: words.description,
      date: '2026-11-24',
      zones: [
        { name: words.zones[0], municipalities: words.municipalities.map((name) => ({ name, weight: 1 })) },
        words.zones[1],
        words.zones[2],
      ],
      anonymityThreshold: 3,
      weighted: false,
      releaseEverySeconds: 15,
      releaseMinEntries: 3,
      ownerAccountId: OWNER_ACCOUNT_ID,
    }),
  );
  for (const [n, zone, municipality] of PEOPLE) s = join(s, n, zone, participantName(n), municipality);
  const everyone = PEOPLE.map(([n]) => n);
  const round = (id: string, config: RoundConfig, question: string, options: string[]) =>
    (s = addRound(s, id, config, { question, options }));

  // 1. Pain points on three themes: entry 5 merged into entry 0, entry 4 hidden, "me too" on some.
  round(PAIN, { kind: 'pain-points', perParticipant: 3, premoderation: false }, words.questions.pain, [
    ...words.themes,
  ]);
  s = startRound(s, PAIN);
  const themeOf = ['o1', 'o3', 'o3', null, 'o1', 'o1'] as const;
  FIXTURE_IDS.points.forEach(
    (id, i) => (s = submit(s, i + 1, id, { roundId: PAIN, text: words.points[i], themeId: themeOf[i] })),
  );
  s = release(s);
  const [p0, p1, p2, p3, p4, p5] = FIXTURE_IDS.points;
  for (const n of [7, 8, 9]) s = support(s, n, p0, true, PAIN);
  for (const n of [7, 8]) s = support(s, n, p2, true, PAIN);
  s = support(s, 10, p1, true, PAIN);
  s = run(s, mergePainPoint(s, { roundId: PAIN, pointId: p5, intoId: p0 }));
  s = run(s, hidePainPoint(s, { roundId: PAIN, pointId: p4, reason: 'names-someone' }));
  // ML4: entry 3 filed under the second theme by a suggestion the facilitator accepted.
  s = run(s, acceptSuggestion(s, { roundId: PAIN, theme: { themeId: 'o2' }, pointIds: [p3] }));
  s = endRound(s, PAIN);

  // 2. A dot vote on the themes, then a re-run of it.
  const dotsConfig: RoundConfig = { kind: 'dot-voting', budget: 3, maxPerOption: 2 };
  round(DOTS, dotsConfig, words.questions.dots, [...words.themes]);
  s = startRound(s, DOTS);
  for (const n of everyone)
    s = cast(s, n, { kind: 'dot-voting', dots: n % 2 ? { o1: 2, o2: 1 } : { o3: 2, o1: 1 } }, DOTS);
  s = endRound(s, DOTS);
  s = run(s, rerunRound(s, { roundId: DOTS, newRoundId: RERUN }));
  s = startRound(s, RERUN);
  for (const n of everyone)
    s = cast(s, n, { kind: 'dot-voting', dots: n % 3 ? { o1: 2, o2: 1 } : { o3: 2, o2: 1 } }, RERUN);
  s = run(
    s,
    castPaperVote(s, {
      roundId: RERUN,
      voterKey: 'paper-key-SECRET',
      zoneId: 'z2',
      municipalityId: null,
      ballot: { kind: 'dot-voting', dots: { o3: 2 } },
    }),
  );
  s = endRound(s, RERUN);

  // 3. Ranking and a scale, closed; a single choice left open.
  round(RANKING, { kind: 'ranking' }, words.questions.ranking, [...words.themes]);
  s = startRound(s, RANKING);
  for (const n of everyone)
    s = cast(s, n, { kind: 'ranking', order: n % 2 ? ['o1', 'o3', 'o2'] : ['o3', 'o1', 'o2'] }, RANKING);
  s = endRound(s, RANKING);
  round(SCALE, { kind: 'scale', labels: [...words.scaleLabels] }, words.questions.scale, [...words.zones]);
  s = startRound(s, SCALE);
  for (const n of everyone) s = cast(s, n, { kind: 'scale', answers: { o1: n % 3, o2: 2 } }, SCALE);
  s = endRound(s, SCALE);

  // 4. The position text (zone drafts) and an agreement check on its paragraphs.
  round(TEXT, { kind: 'position-text', zoneDrafts: true }, words.questions.text, []);
  s = startRound(s, TEXT);
  s = endRound(s, TEXT);
  const statements = agreementStatements([words.text.paragraphs[0], words.text.paragraphs[1]]);
  round(AGREE, { kind: 'agreement', preset: 'gradients' }, words.questions.agreement, statements);
  s = startRound(s, AGREE);
  for (const n of everyone)
    s = cast(s, n, { kind: 'agreement', answers: { o1: n % 4 === 0 ? 2 : 0, o2: n === 12 ? 7 : 1 } }, AGREE);
  s = endRound(s, AGREE);

  round(SINGLE, { kind: 'single-choice' }, words.questions.single, ['Ja', 'Nee']);
  s = startRound(s, SINGLE);
  for (const n of [1, 2, 7]) s = cast(s, n, { kind: 'single-choice', optionId: n === 7 ? 'o2' : 'o1' }, SINGLE);

  // 5. A round never run: left out of the export.
  round(DRAFT, { kind: 'single-choice' }, 'Nooit gestart', ['A', 'B']);
  return s;
}
