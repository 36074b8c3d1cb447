import { describe, expect, it } from 'vitest';
import { SESSION_STATUSES, type SessionStatus } from '@vrijuit/protocol';
import { confirmDeletion, lifecycleRefusal, setSessionStatus } from './decide-lifecycle.ts';
import { castVote, joinParticipant, openRound } from './decide.ts';
import { submitPainPoint } from './decide-pain-points.ts';
import { evolve } from './evolve.ts';
import { facilitatorView, participantView, projectorView } from './projection.ts';
import type { SessionState } from './state.ts';
import {
  accepted,
  addRound,
  deepFreeze,
  NOW,
  participantId,
  run,
  session,
  submit,
  tokenHash,
  vote,
  voterKeyOf,
  withDraftRound,
  withOpenRound,
  withPainRound,
} from './test-fixtures.ts';
import { tableToRecord } from './table.ts';

const to = (state: SessionState, status: SessionStatus) => run(state, setSessionStatus(state, { status, now: NOW }));

/** A session moved along `path` from its draft start. */
function through(...path: SessionStatus[]): SessionState {
  return path.reduce(to, session());
}

const ALLOWED: Record<SessionStatus, SessionStatus[]> = {
  draft: ['live'],
  live: ['closed'],
  closed: ['live', 'archived'],
  archived: ['closed'],
};
const PATH_TO: Record<SessionStatus, SessionStatus[]> = {
  draft: [],
  live: ['live'],
  closed: ['live', 'closed'],
  archived: ['live', 'closed', 'archived'],
};

describe('session lifecycle', () => {
  it('LC1 a session starts as a draft and every view carries its status', () => {
    const s = session();
    expect(s.status).toBe('draft');
    expect(participantView(s, NOW).session.status).toBe('draft');
    expect(facilitatorView(s, 0, NOW).session.status).toBe('draft');
    expect(projectorView(s, NOW).session.status).toBe('draft');
    expect(participantView(through('live', 'closed'), NOW).session.status).toBe('closed');
  });

  for (const from of SESSION_STATUSES) {
    for (const target of SESSION_STATUSES) {
      if (from === target) continue;
      const allowed = ALLOWED[from].includes(target);
      it(`LC1 ${from} → ${target} is ${allowed ? 'allowed' : 'SESSION_STATE'}`, () => {
        const s = deepFreeze(through(...PATH_TO[from]));
        const decision = setSessionStatus(s, { status: target, now: NOW });
        if (allowed) {
          expect(accepted(decision).events).toContainEqual({ type: 'session:status-changed', status: target });
          expect(to(s, target).status).toBe(target);
        } else {
          expect(decision).toMatchObject({ ok: false, error: { code: 'SESSION_STATE' } });
        }
      });
    }
  }

  it('LC1 moving to the status the session has changes nothing', () => {
    for (const status of SESSION_STATUSES) {
      expect(accepted(setSessionStatus(through(...PATH_TO[status]), { status, now: NOW })).events).toEqual([]);
    }
  });

  it('LC2 closing the session closes its open round as round:close does (results kept, ballots dropped)', () => {
    let s = to(withOpenRound(), 'live');
    s = vote(s, 1, 'o1');
    s = vote(s, 2, 'o2');
    const events = accepted(setSessionStatus(s, { status: 'closed', now: NOW })).events;
    expect(events.map((e) => e.type)).toEqual(['round:closed', 'session:results-page-set', 'session:status-changed']);
    const closed = events.reduce(evolve, s);
    const round = closed.rounds[0];
    expect(round?.status).toBe('closed');
    expect(tableToRecord(round?.ballots ?? {})).toEqual({});
    expect(round?.closedResults?.respondents).toBe(2);
  });

  it('LC2 closing the session releases the pain points still waiting (AN8)', () => {
    const s = submit(withPainRound({ releaseMinEntries: 5 }), 1, 'point-p1');
    const closing = accepted(setSessionStatus(s, { status: 'closed', now: NOW })).events.map((e) => e.type);
    expect(closing).toEqual([
      'painpoints:released',
      'round:closed',
      'session:results-page-set',
      'session:status-changed',
    ]);
    expect(accepted(setSessionStatus(to(s, 'closed'), { status: 'closed', now: NOW })).events).toEqual([]);
  });

  it('LC3 opening a round in a draft session makes it live in the same decision', () => {
    const draft = deepFreeze(withDraftRound());
    expect(draft.status).toBe('draft');
    const events = accepted(openRound(draft, { roundId: 'r1', now: NOW })).events;
    expect(events.map((e) => e.type)).toEqual(['session:status-changed', 'round:opened']);
    expect(withOpenRound().status).toBe('live');
    // A live session's next round adds no status event.
    const live = addRound(withOpenRound(), 'r2', { kind: 'single-choice' });
    const next = accepted(openRound(live, { roundId: 'r2', now: NOW })).events;
    expect(next.map((e) => e.type)).toEqual(['round:closed', 'round:opened']);
  });

  it('LC3 opening a round in a closed session is SESSION_STATE; in a live one it adds no status event', () => {
    const closed = addRound(to(withOpenRound(), 'closed'), 'r2', { kind: 'single-choice' });
    expect(closed.rounds[0]?.status).toBe('closed');
    expect(openRound(closed, { roundId: 'r2', now: NOW })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_STATE' },
    });
    // Reopened, the session opens rounds again.
    expect(accepted(openRound(to(closed, 'live'), { roundId: 'r2', now: NOW })).events).toHaveLength(1);
  });

  it('LC4 phones join a draft or live session; a closed or archived one refuses joins with SESSION_CLOSED', () => {
    const input = {
      participantId: participantId(9),
      tokenHash: tokenHash(9),
      zoneId: 'z1',
      municipalityId: null,
      name: 'Nina',
    };
    expect(accepted(joinParticipant(session(), input)).events).toHaveLength(1);
    expect(accepted(joinParticipant(through('live'), input)).events).toHaveLength(1);
    for (const ended of [through('live', 'closed'), through('live', 'closed', 'archived')]) {
      expect(joinParticipant(ended, input)).toMatchObject({ ok: false, error: { code: 'SESSION_CLOSED' } });
    }
  });

  it('LC4 an ended session refuses every participant command (the server checks lifecycleRefusal first)', () => {
    const closed = to(withOpenRound(), 'closed');
    expect(lifecycleRefusal(closed, 'participant')?.code).toBe('SESSION_CLOSED');
    expect(lifecycleRefusal(to(closed, 'archived'), 'participant')?.code).toBe('SESSION_CLOSED');
    expect(lifecycleRefusal(to(closed, 'live'), 'participant')).toBeNull();
    expect(lifecycleRefusal(session(), 'participant')).toBeNull();
    // Core's own rules refuse too: the round closed with the session.
    const ballot = { kind: 'single-choice', optionId: 'o1' } as const;
    expect(
      castVote(closed, { participantId: participantId(1), voterKey: voterKeyOf(1), roundId: 'r1', ballot }).ok,
    ).toBe(false);
    expect(
      submitPainPoint(closed, {
        participantId: participantId(1),
        voterKey: voterKeyOf(1),
        roundId: 'r1',
        pointId: 'x',
        text: 'x',
        themeId: null,
      }).ok,
    ).toBe(false);
  });

  it('LC5 an archived session is read-only for the facilitator; closed is not', () => {
    const closed = through('live', 'closed');
    expect(lifecycleRefusal(closed, 'facilitator')).toBeNull();
    expect(lifecycleRefusal(to(closed, 'archived'), 'facilitator')?.code).toBe('SESSION_STATE');
    expect(lifecycleRefusal(through('live'), 'facilitator')).toBeNull();
  });

  it('LC6 deleting is confirmed by the exact title only', () => {
    const s = session();
    expect(confirmDeletion(s, { title: 'Retro' }).ok).toBe(true);
    for (const title of ['retro', 'Retro ', ' Retro', 'Retr', 'Other']) {
      expect(confirmDeletion(s, { title })).toMatchObject({ ok: false, error: { code: 'TITLE_MISMATCH' } });
    }
  });
});
