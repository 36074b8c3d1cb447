import { SessionDesign } from '@vrijuit/protocol';
import { describe, expect, it } from 'vitest';
import { createSession } from './decide.ts';
import { closeRound, openRound, rerunRound } from './decide.ts';
import { deleteRound, duplicateRound, moveRound, updateRound, updateSession } from './decide-design.ts';
import { designOf } from './design.ts';
import { builtInTemplates, templatesIn } from './templates/index.ts';
import {
  accepted,
  addRound,
  cast,
  deepFreeze,
  OWNER_ACCOUNT_ID,
  join,
  NOW,
  run,
  session,
  startRound,
} from './test-fixtures.ts';

const design = (question: string, options = ['A', 'B']) =>
  SessionDesign.shape.agenda.unwrap().element.parse({ question, options });

/** r1 closed (with a vote), r2 open, r3 and r4 drafts. */
function agenda() {
  let s = addRound(session(), 'r1', { kind: 'single-choice' });
  s = addRound(s, 'r2', { kind: 'single-choice' });
  s = addRound(s, 'r3', { kind: 'scale', labels: ['nee', 'ja'] });
  s = addRound(s, 'r4', { kind: 'ranking' });
  s = join(s, 1, 'z1');
  s = startRound(s, 'r1');
  s = cast(s, 1, { kind: 'single-choice', optionId: 'o1' });
  s = run(s, closeRound(s, { roundId: 'r1' }));
  s = run(s, openRound(s, { roundId: 'r2', now: NOW }));
  return deepFreeze(s);
}

describe('session design', () => {
  it('DE1 session:update changes what it names and keeps the rest', () => {
    const s = deepFreeze(session());
    const next = run(s, updateSession(s, { title: 'Nieuw', date: '2026-03-12', settings: { anonymityThreshold: 5 } }));
    expect(next).toMatchObject({ title: 'Nieuw', date: '2026-03-12', description: '', language: 'nl-BE' });
    expect(next.settings).toEqual({ ...s.settings, anonymityThreshold: 5 });
    expect(next.zones).toEqual(s.zones);
    // Nothing new: no event.
    expect(accepted(updateSession(next, { title: 'Nieuw' })).events).toEqual([]);
    // null clears the date; undefined keeps it.
    expect(run(next, updateSession(next, { date: null })).date).toBeNull();
  });

  it('DE2 zones change only while nobody has joined', () => {
    const s = session();
    const next = run(s, updateSession(s, { zones: [{ name: 'West', municipalities: [{ name: 'Mol', weight: 2 }] }] }));
    expect(next.zones).toEqual([{ id: 'z1', name: 'West', municipalities: [{ id: 'z1m1', name: 'Mol', weight: 2 }] }]);
    const joined = join(s, 1, 'z1');
    expect(updateSession(joined, { zones: ['West'] })).toMatchObject({ ok: false, error: { code: 'ZONES_IN_USE' } });
    // The other details still change after a join.
    expect(run(joined, updateSession(joined, { description: 'Tweede sessie' })).description).toBe('Tweede sessie');
  });

  it('DE3 only a draft round is updated, as a whole, options renumbered; checked as RO1', () => {
    const s = agenda();
    const next = run(
      s,
      updateRound(s, {
        roundId: 'r3',
        design: { ...design('Nieuwe vraag', ['X', 'Y', 'Z']), compareKey: 'speak-freely' },
      }),
    );
    expect(next.rounds[2]).toMatchObject({
      id: 'r3',
      status: 'draft',
      question: 'Nieuwe vraag',
      options: [
        { id: 'o1', label: 'X' },
        { id: 'o2', label: 'Y' },
        { id: 'o3', label: 'Z' },
      ],
      config: { kind: 'single-choice' },
      compareKey: 'speak-freely',
    });
    for (const roundId of ['r1', 'r2']) {
      expect(updateRound(s, { roundId, design: design('Q') })).toMatchObject({ error: { code: 'ROUND_STATE' } });
    }
    expect(updateRound(s, { roundId: 'nope-nope', design: design('Q') })).toMatchObject({
      error: { code: 'ROUND_NOT_FOUND' },
    });
    expect(updateRound(s, { roundId: 'r3', design: design('Q', ['alleen']) })).toMatchObject({
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('DE4 any round moves to an index of the agenda; others keep their order', () => {
    const s = agenda();
    expect(run(s, moveRound(s, { roundId: 'r4', position: 0 })).rounds.map((r) => r.id)).toEqual([
      'r4',
      'r1',
      'r2',
      'r3',
    ]);
    expect(run(s, moveRound(s, { roundId: 'r1', position: 3 })).rounds.map((r) => r.id)).toEqual([
      'r2',
      'r3',
      'r4',
      'r1',
    ]);
    expect(accepted(moveRound(s, { roundId: 'r2', position: 1 })).events).toEqual([]);
    for (const position of [4, -1, 1.5]) {
      expect(moveRound(s, { roundId: 'r2', position })).toMatchObject({ error: { code: 'POSITION_OUT_OF_RANGE' } });
    }
    expect(moveRound(s, { roundId: 'nope-nope', position: 0 })).toMatchObject({ error: { code: 'ROUND_NOT_FOUND' } });
  });

  it('DE5 any round duplicates as a draft right after it, without input or results, compareKey kept', () => {
    let s = agenda();
    s = run(s, updateRound(s, { roundId: 'r3', design: { ...design('Puls'), compareKey: 'speak-freely' } }));
    for (const [roundId, at] of [
      ['r1', 1],
      ['r2', 2],
      ['r3', 3],
    ] as const) {
      const next = run(s, duplicateRound(s, { roundId, newRoundId: `${roundId}-copy` }));
      const copy = next.rounds[at];
      const original = s.rounds[at - 1];
      expect(copy).toMatchObject({
        id: `${roundId}-copy`,
        status: 'draft',
        question: original?.question,
        options: original?.options,
        config: original?.config,
        compareKey: original?.compareKey,
        rerunOf: null,
        revealed: false,
        ballots: {},
        closedResults: null,
      });
    }
    expect(run(s, duplicateRound(s, { roundId: 'r3', newRoundId: 'r3-copy' })).rounds[3]?.compareKey).toBe(
      'speak-freely',
    );
  });

  it('DE6 only a draft round is deleted', () => {
    const s = agenda();
    expect(run(s, deleteRound(s, { roundId: 'r3' })).rounds.map((r) => r.id)).toEqual(['r1', 'r2', 'r4']);
    for (const roundId of ['r1', 'r2']) {
      expect(deleteRound(s, { roundId })).toMatchObject({ error: { code: 'ROUND_STATE' } });
    }
  });

  it('DE7 a compareKey survives a re-run', () => {
    let s = addRound(session(), 'r1', { kind: 'scale', labels: ['nee', 'ja'] });
    s = run(s, updateRound(s, { roundId: 'r1', design: { ...design('Puls'), compareKey: 'speak-freely' } }));
    s = startRound(s, 'r1');
    s = run(s, closeRound(s, { roundId: 'r1' }));
    expect(run(s, rerunRound(s, { roundId: 'r1', newRoundId: 'r1b' })).rounds[1]?.compareKey).toBe('speak-freely');
  });
});

describe('designs and templates', () => {
  const create = (d: SessionDesign) => {
    const decision = createSession({
      sessionId: 'session-1',
      joinCode: 'ABCD23',
      ownerAccountId: OWNER_ACCOUNT_ID,
      title: d.title,
      description: d.description,
      date: d.date,
      language: d.language,
      zones: d.zones,
      ...d.settings,
      agenda: d.agenda,
      roundIds: d.agenda.map((_, i) => `round-${i + 1}`),
    });
    return { decision, state: run(null, decision) };
  };

  it('DE8 DE9 TM1 a session made from a design gives the same design back, in one commit', () => {
    for (const template of builtInTemplates) {
      const { decision, state } = create(template.design);
      // One decision: the session and every draft round are stored together.
      expect(accepted(decision).events.map((e) => e.type)).toEqual([
        'session:created',
        ...template.design.agenda.map(() => 'round:created'),
      ]);
      expect(state.rounds.every((r) => r.status === 'draft')).toBe(true);
      expect(designOf(state)).toEqual(template.design);
    }
  });

  it('DE8 a design holds no people, input, results, ids or secrets', () => {
    const s = agenda();
    const json = JSON.stringify(designOf(s));
    for (const secret of ['SECRET', 'ABCD23', 'session-1', '"r1"', 'voter', 'respondents']) {
      expect(json).not.toContain(secret);
    }
    expect(SessionDesign.parse(designOf(s))).toEqual(designOf(s));
  });

  it('DE9 an agenda item that breaks RO1 refuses the whole session', () => {
    const d = SessionDesign.parse({
      title: 'T',
      zones: [{ name: 'Noord' }],
      agenda: [{ question: 'Q', options: ['A'] }],
    });
    const decision = createSession({
      sessionId: 's',
      joinCode: 'ABCD23',
      ownerAccountId: OWNER_ACCOUNT_ID,
      title: d.title,
      zones: d.zones,
      ...d.settings,
      agenda: d.agenda,
      roundIds: ['x'],
    });
    expect(decision).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('TM1 the Kempen template: five zones, 27 municipalities, the eight themes, the speak-freely pulse', () => {
    const kempen = builtInTemplates.find((t) => t.id === 'kempen-welzijn')?.design;
    expect(kempen?.zones.map((z) => z.name)).toEqual(['Baldemore', 'Neteland', 'Noorderkempen', 'RIT', 'Zuiderkempen']);
    const municipalities = kempen?.zones.flatMap((z) => z.municipalities.map((m) => m.name)) ?? [];
    expect(new Set(municipalities).size).toBe(27);
    expect(kempen?.agenda.map((r) => r.config.kind)).toEqual([
      'pain-points',
      'dot-voting',
      'agreement',
      'position-text',
      'scale',
    ]);
    expect(kempen?.agenda[0]?.options).toHaveLength(8);
    expect(kempen?.agenda[1]?.options).toEqual(kempen?.agenda[0]?.options);
    expect(kempen?.agenda[4]).toMatchObject({
      question: 'Kon je vandaag vrijuit spreken?',
      compareKey: 'speak-freely',
    });
  });

  it('TM1 LN1 the Kempen template exists in Dutch, French and English: the same rounds, zones and comparison key', () => {
    const dutch = templatesIn('nl-BE')[0]!.design;
    for (const language of ['fr', 'en'] as const) {
      const [template, ...more] = templatesIn(language);
      expect(more).toEqual([]);
      const design = template!.design;
      expect(design.language).toBe(language);
      expect(design.zones).toEqual(dutch.zones);
      const shape = (d: typeof design) => d.agenda.map((r) => [r.config.kind, r.options.length, r.compareKey]);
      expect(shape(design)).toEqual(shape(dutch));
      expect(design.agenda.map((r) => r.question)).not.toContain(dutch.agenda[0]!.question);
      expect(design.agenda[0]!.options).not.toEqual(dutch.agenda[0]!.options);
    }
  });
});
