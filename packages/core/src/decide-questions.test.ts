import { describe, expect, it } from 'vitest';
import { questionOrder, type ErrorCode } from '@vrijuit/protocol';
import {
  addTheme,
  approvePainPoints,
  hidePainPoint,
  mergePainPoint,
  releaseDue,
  submitPainPoint,
  themePainPoint,
} from './decide-pain-points.ts';
import { submitPaperPainPoint } from './decide-paper.ts';
import { answerQuestion } from './decide-questions.ts';
import { closeRound, createRound } from './decide.ts';
import { setSessionStatus } from './decide-lifecycle.ts';
import { resultsPageView } from './project-results-page.ts';
import { evolveAll } from './evolve.ts';
import { exportDocument } from './export/export-document.ts';
import { fixtureInput } from './export/export-fixture.ts';
import { facilitatorView, participantView, projectorView } from './projection.ts';
import type { Decision } from './result.ts';
import type { SessionState } from './state.ts';
import { tableGet } from './table.ts';
import {
  A,
  accepted,
  addRound,
  B,
  C,
  D,
  join,
  NOW,
  PAIN,
  painRound,
  participantId,
  release,
  run,
  session,
  startRound,
  submit,
  support,
  voterKeyOf,
  withPoints,
} from './test-fixtures.ts';

const QA = 'round-qa';

function expectRefused(decision: Decision<unknown>, code: ErrorCode): void {
  expect(decision).toEqual({ ok: false, error: { code, message: expect.any(String) } });
}

/** Six participants and an open question round `round-qa` (reveal live, no options). */
function withQuestionRound(o: { premoderation?: boolean; perParticipant?: number } = {}): SessionState {
  let s = session({ releaseMinEntries: 3 });
  for (let n = 1; n <= 6; n++) s = join(s, n, `z${((n - 1) % 3) + 1}`);
  s = addRound(
    s,
    QA,
    { kind: 'questions', perParticipant: o.perParticipant ?? 5, premoderation: o.premoderation ?? false },
    { options: [], reveal: 'live', question: 'Wat wil je vragen?' },
  );
  return startRound(s, QA);
}

const ask = (s: SessionState, n: number, id: string, text = `Vraag ${id}?`) => submit(s, n, id, { roundId: QA, text });
const vote = (s: SessionState, n: number, id: string, up = true) => support(s, n, id, up, QA);
const answer = (s: SessionState, pointId: string, answered = true) =>
  answerQuestion(s, { roundId: QA, pointId, answered });

/** Questions A, B, C asked by participants 1, 2, 3 and released. */
function asked(o: { premoderation?: boolean } = {}): SessionState {
  let s = withQuestionRound(o);
  s = ask(s, 1, A);
  s = ask(s, 2, B);
  s = ask(s, 3, C);
  return release(s);
}

const phoneWall = (s: SessionState) => participantView(s, NOW).round?.wall;

describe('QA1 question rounds share the wall', () => {
  it('QA1 a question waits unseen, then reaches every screen in a batch of k people with no author', () => {
    let s = withQuestionRound();
    s = ask(s, 1, A);
    s = ask(s, 2, B);
    expect(phoneWall(s)?.points).toEqual([]);
    expect(accepted(releaseDue(s)).events).toEqual([]);
    s = ask(s, 3, C);
    const events = accepted(releaseDue(s)).events;
    expect(events).toEqual([{ type: 'painpoints:released', roundId: QA, pointIds: [A, B, C], stage: 'wall' }]);
    s = evolveAll(s, events)!;
    expect(phoneWall(s)?.points.map((p) => p.text)).toEqual([`Vraag ${A}?`, `Vraag ${B}?`, `Vraag ${C}?`]);
    expect(JSON.stringify(events)).not.toContain('participant-id');
    expect(JSON.stringify(projectorView(s, NOW))).not.toContain('voter-key');
  });

  it('QA1 votes are support: once per person, withdrawn with false, counted on the wall', () => {
    let s = asked();
    s = vote(s, 4, A);
    s = vote(s, 4, A);
    s = vote(s, 5, A);
    s = vote(s, 6, B);
    s = vote(s, 6, B, false);
    const support = Object.fromEntries(phoneWall(s)!.points.map((p) => [p.id, p.support]));
    expect(support).toEqual({ [A]: 2, [B]: 0, [C]: 0 });
  });

  it('QA1 a question round has no themes (BAD_REQUEST, ROUND_KIND, THEME_NOT_FOUND) and holds the per-person limit', () => {
    const config = { kind: 'questions', perParticipant: 5, premoderation: false } as const;
    const create = (options: string[]) =>
      createRound(session(), {
        roundId: 'round-x',
        question: 'Q',
        options,
        config,
        reveal: 'live',
        durationSeconds: null,
      });
    expectRefused(create(['Mobiliteit']), 'BAD_REQUEST');
    expect(accepted(create([])).events).toHaveLength(1);
    let s = asked();
    expectRefused(addTheme(s, { roundId: QA, label: 'Geld' }), 'ROUND_KIND');
    expectRefused(themePainPoint(s, { roundId: QA, pointId: A, themeId: null }), 'ROUND_KIND');
    const input = { participantId: participantId(1), voterKey: voterKeyOf(1, QA), roundId: QA, text: 'Vraag?' };
    expectRefused(submitPainPoint(s, { ...input, pointId: 'point-x', themeId: 'o1' }), 'THEME_NOT_FOUND');
    s = withQuestionRound({ perParticipant: 1 });
    s = ask(s, 1, A);
    expectRefused(submitPainPoint(s, { ...input, pointId: 'point-y', themeId: null }), 'PAIN_POINT_LIMIT');
  });

  it('QA1 closing releases what still waits; hide and merge work as on a pain-point wall', () => {
    let s = withQuestionRound();
    s = ask(s, 1, A);
    s = run(s, closeRound(s, { roundId: QA }));
    expect(tableGet(painRound(s, QA).points, A)?.stage).toBe('wall');
    s = asked();
    s = run(s, hidePainPoint(s, { roundId: QA, pointId: A, reason: 'offensive' }));
    s = run(s, mergePainPoint(s, { roundId: QA, pointId: C, intoId: B }));
    const points = phoneWall(s)!.points;
    expect(points.find((p) => p.id === A)).toMatchObject({ text: null, hidden: 'offensive' });
    expect(points.find((p) => p.id === B)).toMatchObject({ support: 1, merged: [`Vraag ${C}?`] });
  });
});

describe('QA7 questions from paper', () => {
  it("QA7 a question typed in from paper waits with the phones' and goes out in their batch, counted only as paper", () => {
    let s = withQuestionRound();
    s = ask(s, 1, A);
    s = ask(s, 2, B);
    s = run(s, submitPaperPainPoint(s, { roundId: QA, pointId: D, text: 'Vraag op papier?', themeId: null }));
    // The paper question is one more entry but no person: k = 3 people are still not there (AN8).
    expect(phoneWall(s)?.points).toEqual([]);
    s = ask(s, 3, C);
    s = release(s);
    const points = phoneWall(s)!.points;
    expect(points.map((p) => p.text).sort()).toEqual(
      [`Vraag ${A}?`, `Vraag ${B}?`, `Vraag ${C}?`, 'Vraag op papier?'].sort(),
    );
    // PA4: a count on the round (the console's), never a mark on the question.
    expect(facilitatorView(s, 0, NOW).rounds[0]?.wall?.paper).toBe(1);
    expect(JSON.stringify(points)).not.toContain('paper');
    // The export counts it too, and marks no question.
    const exported = exportDocument(s, fixtureInput()).rounds.find((r) => r.kind === 'questions');
    expect(exported).toMatchObject({ kind: 'questions', paper: 1 });
    if (exported?.kind !== 'questions') throw new Error('no question round');
    expect(JSON.stringify(exported.questions)).not.toContain('paper');
    // A question has no theme (QA1).
    expectRefused(
      submitPaperPainPoint(s, { roundId: QA, pointId: 'point-p2', text: 'x', themeId: 'o1' }),
      'THEME_NOT_FOUND',
    );
  });
});

describe('QA2 answered', () => {
  it('QA2 the facilitator marks a question answered and takes it back; every screen sees the mark', () => {
    let s = asked();
    const events = accepted(answer(s, A)).events;
    expect(events).toEqual([{ type: 'question:answered', roundId: QA, pointId: A, answered: true }]);
    s = run(s, answer(s, A));
    for (const wall of [phoneWall(s), projectorView(s, NOW).round?.wall, facilitatorView(s, 0, NOW).rounds[0]?.wall]) {
      expect(wall?.points.find((p) => p.id === A)?.answered).toBe(true);
      expect(wall?.points.find((p) => p.id === B)).not.toHaveProperty('answered');
    }
    expect(accepted(answer(s, A)).events).toEqual([]);
    s = run(s, answer(s, A, false));
    expect(phoneWall(s)?.points.find((p) => p.id === A)).not.toHaveProperty('answered');
    expect(accepted(answer(s, A, false)).events).toEqual([]);
  });

  it('QA2 works on a closed round; waiting, queued, merged and unknown questions and pain-point rounds are refused', () => {
    let s = asked();
    s = run(s, closeRound(s, { roundId: QA }));
    s = run(s, answer(s, B));
    expect(phoneWall(s)?.points.find((p) => p.id === B)?.answered).toBe(true);

    s = asked();
    s = ask(s, 4, D);
    expectRefused(answer(s, D), 'POINT_NOT_FOUND');
    expectRefused(answer(s, 'point-nope'), 'POINT_NOT_FOUND');
    s = run(s, mergePainPoint(s, { roundId: QA, pointId: C, intoId: B }));
    expectRefused(answer(s, C), 'POINT_STATE');

    let q = asked({ premoderation: true });
    expectRefused(answer(q, A), 'POINT_STATE');
    q = run(q, approvePainPoints(q, { roundId: QA, pointIds: [A] }));
    expect(accepted(answer(q, A)).events).toHaveLength(1);

    const pain = withPoints([A]);
    expectRefused(answerQuestion(pain, { roundId: PAIN, pointId: A, answered: true }), 'ROUND_KIND');
    expectRefused(answerQuestion(pain, { roundId: 'round-none', pointId: A, answered: true }), 'ROUND_NOT_FOUND');
  });
});

describe('QA4 order on the screens', () => {
  it('QA4 not answered first, then answered; most votes first; equal votes by id', () => {
    const points = [
      { id: 'b', support: 1 },
      { id: 'a', support: 1 },
      { id: 'c', support: 5, answered: true },
      { id: 'd', support: 0 },
      { id: 'e', support: 3 },
      { id: 'f', support: 1, answered: true },
    ];
    expect(questionOrder(points).map((p) => p.id)).toEqual(['e', 'a', 'b', 'd', 'c', 'f']);
    expect(questionOrder([...points].reverse()).map((p) => p.id)).toEqual(['e', 'a', 'b', 'd', 'c', 'f']);
  });
});

describe('QA5 export', () => {
  it('QA5 the export lists the questions by votes with their answered state, hidden ones left out', () => {
    let s = asked();
    s = vote(s, 4, C);
    s = vote(s, 5, C);
    s = vote(s, 6, B);
    s = run(s, answer(s, C));
    s = run(s, hidePainPoint(s, { roundId: QA, pointId: A, reason: 'names-someone' }));
    const doc = exportDocument(s, fixtureInput());
    const round = doc.rounds.find((r) => r.question === 'Wat wil je vragen?');
    expect(round).toMatchObject({
      kind: 'questions',
      questions: [
        { text: `Vraag ${C}?`, votes: 2, answered: true, merged: [] },
        { text: `Vraag ${B}?`, votes: 1, answered: false, merged: [] },
      ],
      paper: 0,
    });
    expect(JSON.stringify(doc)).not.toContain(`Vraag ${A}?`);
  });

  it('QA5 the results page after the session lists them by votes with their answered state, hidden ones left out', () => {
    let s = asked();
    s = vote(s, 4, C);
    s = vote(s, 5, C);
    s = run(s, answer(s, C));
    s = run(s, hidePainPoint(s, { roundId: QA, pointId: A, reason: 'offensive' }));
    s = run(s, closeRound(s, { roundId: QA }));
    for (const status of ['live', 'closed'] as const) {
      if (s.status !== status) s = run(s, setSessionStatus(s, { status, now: NOW }));
    }
    const view = resultsPageView(s, { ...fixtureInput(), now: NOW + 1 });
    if (view.state !== 'open') throw new Error(`the page is ${view.state}`);
    expect(view.rounds).toEqual([
      {
        number: 1,
        question: 'Wat wil je vragen?',
        kind: 'questions',
        questions: [
          { text: `Vraag ${C}?`, votes: 2, answered: true },
          { text: `Vraag ${B}?`, votes: 0, answered: false },
        ],
        moderation: [{ action: 'hidden', reason: 'offensive', theme: null, times: 1, entries: 1 }],
      },
    ]);
  });
});

describe('QA6 a question round publishes its moderation log', () => {
  it("QA6 the export and the results page sum the round's hides and merges as a wall's log (ML3)", () => {
    let s = asked();
    s = run(s, hidePainPoint(s, { roundId: QA, pointId: A, reason: 'off-topic' }));
    s = run(s, mergePainPoint(s, { roundId: QA, pointId: C, intoId: B }));
    const log = [
      { action: 'hidden', reason: 'off-topic', theme: null, times: 1, entries: 1 },
      { action: 'merged', reason: null, theme: null, times: 1, entries: 1 },
    ];
    const doc = exportDocument(s, fixtureInput());
    expect(doc.rounds.find((r) => r.question === 'Wat wil je vragen?')).toMatchObject({
      kind: 'questions',
      moderation: log,
    });
    s = run(s, closeRound(s, { roundId: QA }));
    for (const status of ['live', 'closed'] as const) {
      if (s.status !== status) s = run(s, setSessionStatus(s, { status, now: NOW }));
    }
    const view = resultsPageView(s, { ...fixtureInput(), now: NOW + 1 });
    if (view.state !== 'open') throw new Error(`the page is ${view.state}`);
    expect(view.rounds[0]).toMatchObject({ kind: 'questions', moderation: log });
    // Counts and reasons only: the hidden question's text is nowhere.
    expect(JSON.stringify([doc, view])).not.toContain(`Vraag ${A}?`);
  });

  it('QA6 a question round with nothing moderated publishes an empty log', () => {
    const doc = exportDocument(asked(), fixtureInput());
    expect(doc.rounds.find((r) => r.question === 'Wat wil je vragen?')).toMatchObject({ moderation: [] });
  });
});
