import { SessionDesign } from '@vrijuit/protocol';
import { describe, expect, it } from 'vitest';
import { createRound, createSession, rerunRound, closeRound } from './decide.ts';
import { duplicateRound, updateRound, updateSession } from './decide-design.ts';
import { designOf } from './design.ts';
import { participantView, projectorView, sessionInfo } from './projection.ts';
import { builtInTemplates } from './templates/index.ts';
import { deepFreeze, NOW, OWNER_ACCOUNT_ID, run, session, startRound } from './test-fixtures.ts';

const plain = { question: 'Wat wil je?', options: ['Ja, graag', ''] };

function withPlainRound() {
  const s = session();
  return deepFreeze(
    run(
      s,
      createRound(s, {
        roundId: 'r1',
        question: 'Welke maatregel geniet uw voorkeur?',
        options: ['Verkeersluwe schoolomgeving', 'Fietsstraat'],
        config: { kind: 'single-choice' },
        reveal: 'manual',
        durationSeconds: null,
        plain,
      }),
    ),
  );
}

describe('KT klare taal', () => {
  it('KT1 plain language is off unless set; phones learn it only when on', () => {
    const off = session();
    expect(sessionInfo(off)).not.toHaveProperty('plainLanguage');
    const on = run(off, updateSession(off, { settings: { plainLanguage: true } }));
    expect(on.settings.plainLanguage).toBe(true);
    expect(sessionInfo(on).plainLanguage).toBe(true);
    expect(designOf(on).settings.plainLanguage).toBe(true);
    const create = createSession({
      sessionId: 's2',
      joinCode: 'PLAIN2',
      title: 'Klare taal',
      zones: ['Mol'],
      anonymityThreshold: 3,
      weighted: false,
      releaseEverySeconds: 15,
      releaseMinEntries: 3,
      plainLanguage: true,
      ownerAccountId: OWNER_ACCOUNT_ID,
    });
    expect(sessionInfo(run(null, create)).plainLanguage).toBe(true);
  });

  it('KT2 a round keeps its plain wording through duplicate, re-run and designOf; trailing empty options go', () => {
    let s = withPlainRound();
    expect(s.rounds[0]?.plain).toEqual({ question: 'Wat wil je?', options: ['Ja, graag'] });
    s = run(s, duplicateRound(s, { roundId: 'r1', newRoundId: 'r1-copy' }));
    expect(s.rounds[1]?.plain).toEqual(s.rounds[0]?.plain);
    s = startRound(s, 'r1');
    s = run(s, closeRound(s, { roundId: 'r1' }));
    s = run(s, rerunRound(s, { roundId: 'r1', newRoundId: 'r1b' }));
    expect(s.rounds.find((r) => r.id === 'r1b')?.plain).toEqual(s.rounds[0]?.plain);
    const design = designOf(s);
    expect(design.agenda[0]?.plain).toEqual({ question: 'Wat wil je?', options: ['Ja, graag'] });
    expect(SessionDesign.parse(design)).toEqual(design);
  });

  it('KT2 an update replaces the plain wording; a design without one (or an empty one) leaves none', () => {
    const s = withPlainRound();
    const design = SessionDesign.shape.agenda.unwrap().element.parse({ question: 'Nieuw?', options: ['A', 'B'] });
    expect(design.plain).toBeNull();
    expect(run(s, updateRound(s, { roundId: 'r1', design })).rounds[0]).not.toHaveProperty('plain');
    const empty = { ...design, plain: { question: ' ', options: ['', ''] } };
    expect(run(s, updateRound(s, { roundId: 'r1', design: empty })).rounds[0]).not.toHaveProperty('plain');
  });

  it('KT2 phones and projector get the plain wording only when the round has one', () => {
    const s = startRound(withPlainRound(), 'r1');
    expect(participantView(s, NOW).round?.plain).toEqual({ question: 'Wat wil je?', options: ['Ja, graag'] });
    expect(projectorView(s, NOW).round?.plain).toEqual({ question: 'Wat wil je?', options: ['Ja, graag'] });
    const bare = run(
      s,
      createRound(s, {
        roundId: 'r2',
        question: 'Nog iets?',
        options: ['A', 'B'],
        config: { kind: 'single-choice' },
        reveal: 'manual',
        durationSeconds: null,
      }),
    );
    expect(participantView(startRound(bare, 'r2'), NOW).round).not.toHaveProperty('plain');
  });

  it('KT7 the built-in template has a plain question for every round and a plain label for every option, plain mode off', () => {
    for (const template of builtInTemplates) {
      expect(template.design.settings.plainLanguage).toBeFalsy();
      for (const round of template.design.agenda) {
        expect(round.plain?.question, round.question).toBeTruthy();
        expect(round.plain?.options.length, round.question).toBe(round.options.length);
        expect(round.plain?.options.every((o) => o.length > 0)).toBe(true);
      }
    }
  });
});
