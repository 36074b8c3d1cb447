/**
 * The P5 session (issue 7), built through core's decisions like the fixtures do (not over sockets):
 * `participants` people in three zones with three municipalities each, one pain-point round holding
 * `points` entries with some "me too" support, then vote rounds of every kind and a position text with
 * an agreement check, `rounds` rounds in all, every participant answering every vote.
 */
import type { Ballot, RoundConfig } from '../packages/protocol/src/index.ts';
import { textDocName } from '../packages/protocol/src/index.ts';
import { createSession, type ExportInput, type SessionState, type TextNode } from '../packages/core/src/index.ts';
import { agreementStatements } from '../packages/core/src/export/text.ts';
import { benchKey } from './core-session.ts';
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
} from '../packages/core/src/test-fixtures.ts';

export const P5_SESSION_ID = 'benchP5exportSession';

export interface P5Size {
  participants: number;
  points: number;
  rounds: number;
}

const THEMES = ['Werkdruk', 'Communicatie', 'Financiering', 'Personeel', 'Mobiliteit'];
const PARAGRAPHS = Array.from(
  { length: 12 },
  (_, i) => `Paragraaf ${i + 1}: de gemeenten werken samen aan betere zorg, met duidelijke afspraken en tijd.`,
);

const para = (text: string): TextNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });

/** The plenary text of the position-text round, as the server reads it out of Yjs. */
function texts(textRound: string): Record<string, TextNode> {
  return {
    [textDocName(textRound, null)]: {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Gezamenlijke nota' }] },
        ...PARAGRAPHS.map(para),
      ],
    },
  };
}

const ballotFor = (config: RoundConfig, n: number, options: number): Ballot => {
  const o = (i: number) => `o${(i % options) + 1}`;
  switch (config.kind) {
    case 'dot-voting':
      return { kind: 'dot-voting', dots: { [o(n)]: 2, [o(n + 1)]: 1 } };
    case 'ranking':
      return { kind: 'ranking', order: Array.from({ length: options }, (_, i) => o(n + i)) };
    case 'scale':
      return {
        kind: 'scale',
        answers: Object.fromEntries(Array.from({ length: options }, (_, i) => [o(i), (n + i) % 3])),
      };
    case 'agreement':
      return {
        kind: 'agreement',
        answers: Object.fromEntries(Array.from({ length: options }, (_, i) => [o(i), (n * 7 + i) % 5])),
      };
    default:
      return { kind: 'single-choice', optionId: o(n * 31) };
  }
};

/** The session and the input the server would give `exportDocument` (facilitator, texts, labels). */
export function p5Session(size: P5Size): { state: SessionState; input: ExportInput } {
  let s = run(
    null,
    createSession({
      sessionId: P5_SESSION_ID,
      joinCode: 'PVIJF5',
      title: 'Toekomst welzijnszorg Kempen — P5',
      zones: ['Neteland', 'Kempen Noord', 'Zuiderkempen'].map((name, z) => ({
        name,
        municipalities: [1, 2, 3].map((m) => ({ name: `Gemeente ${z + 1}.${m}`, weight: 1 })),
      })),
      anonymityThreshold: 3,
      weighted: false,
      releaseEverySeconds: 15,
      releaseMinEntries: 3,
      ownerAccountId: 'benchP5owner',
    }),
  );
  const people = Array.from({ length: size.participants }, (_, i) => i + 1);
  for (const n of people) {
    const zone = ((n - 1) % 3) + 1;
    s = join(s, n, `z${zone}`, `P${n}`, `z${zone}m${(Math.floor((n - 1) / 3) % 3) + 1}`);
  }

  const pain = 'roundPain';
  const perParticipant = Math.max(1, Math.ceil(size.points / size.participants));
  s = addRound(
    s,
    pain,
    { kind: 'pain-points', perParticipant, premoderation: false },
    {
      question: 'Wat loopt er vandaag mis?',
      options: THEMES,
    },
  );
  s = startRound(s, pain);
  // Entry ids spread as the server's random ids are (a table buckets by a key's first characters, SE6).
  const pointId = (i: number) => benchKey('point', i);
  for (let i = 0; i < size.points; i++) {
    s = submit(s, (i % size.participants) + 1, pointId(i), {
      roundId: pain,
      text: `Knelpunt ${i}: te weinig tijd voor overleg tussen de diensten en de gemeenten`,
      themeId: i % 6 === 5 ? null : `o${(i % THEMES.length) + 1}`,
    });
  }
  s = release(s);
  for (let i = 0; i < size.points; i += 7) s = support(s, ((i + 3) % size.participants) + 1, pointId(i), true, pain);
  s = endRound(s, pain);

  const kinds: RoundConfig[] = [
    { kind: 'single-choice' },
    { kind: 'dot-voting', budget: 3, maxPerOption: 2 },
    { kind: 'ranking' },
    { kind: 'scale', labels: ['Nee', 'Neutraal', 'Ja'] },
  ];
  const textRound = 'roundText';
  const votes = Math.max(0, size.rounds - 3);
  for (let r = 0; r < votes; r++) {
    const id = `roundVote${r}`;
    const config = kinds[r % kinds.length]!;
    s = addRound(s, id, config, { question: `Vraag ${r + 1}: waar zetten we op in?`, options: THEMES });
    s = startRound(s, id);
    for (const n of people) s = cast(s, n, ballotFor(config, n, THEMES.length), id);
    s = endRound(s, id);
  }
  if (size.rounds >= 3) {
    s = addRound(s, textRound, { kind: 'position-text', zoneDrafts: false }, { question: 'Onze nota', options: [] });
    s = startRound(s, textRound);
    s = endRound(s, textRound);
    const statements = agreementStatements(PARAGRAPHS.slice(0, 6));
    const agree = 'roundAgree';
    s = addRound(s, agree, { kind: 'agreement', preset: 'gradients' }, { question: 'Akkoord?', options: statements });
    s = startRound(s, agree);
    for (const n of people)
      s = cast(s, n, ballotFor({ kind: 'agreement', preset: 'gradients' }, n, statements.length), agree);
    s = endRound(s, agree);
  }
  const levels = ['Volledig akkoord', 'Akkoord', 'Neutraal', 'Bezwaar', 'Veto'];
  return {
    state: s,
    input: {
      facilitator: 'Bench',
      texts: texts(textRound),
      words: {
        agreementLevels: { gradients: levels, 'fist-of-five': ['5', '4', '3', '2', '1', '0'] },
        withoutMunicipality: '{zone}: geen gemeente',
      },
    },
  };
}
