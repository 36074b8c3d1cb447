import { describe, expect, it } from 'vitest';
import { closeRound, createRound, openRound } from './decide.ts';
import { facilitatorView, participantSelf, participantView } from './projection.ts';
import type { SessionState } from './state.ts';
import {
  FACILITATOR_HASH,
  participantId,
  run,
  tokenHash,
  vote,
  VOTER_SECRET,
  voterKeyOf,
  withDraftRound,
  withOpenRound,
} from './test-fixtures.ts';

/** Every secret-ish string in a state: voter keys, voter secrets, token hashes, participant ids. */
function secretsOf(state: SessionState): string[] {
  const out = [state.facilitatorTokenHash];
  for (const p of Object.values(state.participants)) out.push(p.id, p.tokenHash);
  for (const r of state.rounds) {
    if (r.voterSecret) out.push(r.voterSecret);
    out.push(...Object.keys(r.ballots));
  }
  return out;
}

/** Four participants voted in r1 (o1, o1, o3, o2), which is still open. */
function votedState(): SessionState {
  let s = withOpenRound();
  s = vote(s, 1, 'o1');
  s = vote(s, 2, 'o1');
  s = vote(s, 3, 'o3');
  s = vote(s, 4, 'o2');
  return s;
}

describe('projection', () => {
  it('AN2 the facilitator view carries counts only: no voter keys, secrets, token hashes or participant ids', () => {
    const s = votedState();
    const secrets = secretsOf(s);
    // The state really holds them, so the search below can find a leak.
    expect(secrets).toEqual(
      expect.arrayContaining([FACILITATOR_HASH, participantId(1), tokenHash(4), VOTER_SECRET, voterKeyOf(3)]),
    );
    expect(JSON.stringify(s)).toContain('SECRET');
    const json = JSON.stringify(facilitatorView(s, 2));
    for (const secret of secrets) expect(json).not.toContain(secret);
    expect(json).not.toContain('SECRET');
    expect(json).not.toContain('ballots":{');
  });

  it('AN2 the facilitator view is exact: session, attendance by zone, rounds with tallies', () => {
    expect(facilitatorView(votedState(), 3)).toEqual({
      protocolVersion: 1,
      session: {
        sessionId: 'session-1',
        title: 'Retro',
        joinCode: 'ABCD23',
        zones: [
          { id: 'z1', name: 'Noord' },
          { id: 'z2', name: 'Zuid' },
          { id: 'z3', name: 'Oost' },
        ],
      },
      attendance: { joined: 4, online: 3, joinedByZone: { z1: 2, z2: 1, z3: 1 } },
      rounds: [
        {
          id: 'r1',
          kind: 'single-choice',
          question: 'Gaan we door?',
          options: [
            { id: 'o1', label: 'Ja' },
            { id: 'o2', label: 'Nee' },
            { id: 'o3', label: 'Later' },
          ],
          status: 'open',
          tally: { ballots: 4, counts: { o1: 2, o2: 1, o3: 1 } },
        },
      ],
      currentRoundId: 'r1',
    });
  });

  it('AN2 the participant view has no tallies and nothing about other people', () => {
    const s = votedState();
    const view = participantView(s);
    expect(view).toEqual({
      protocolVersion: 1,
      session: {
        sessionId: 'session-1',
        title: 'Retro',
        zones: [
          { id: 'z1', name: 'Noord' },
          { id: 'z2', name: 'Zuid' },
          { id: 'z3', name: 'Oost' },
        ],
      },
      round: {
        id: 'r1',
        kind: 'single-choice',
        question: 'Gaan we door?',
        options: [
          { id: 'o1', label: 'Ja' },
          { id: 'o2', label: 'Nee' },
          { id: 'o3', label: 'Later' },
        ],
        status: 'open',
      },
    });
    const json = JSON.stringify(view);
    for (const secret of secretsOf(s)) expect(json).not.toContain(secret);
    expect(json).not.toContain('tally');
    expect(json).not.toContain('joinCode');
    expect(json).not.toContain('P1');
  });

  it('AN2 participantSelf shows only the viewer’s own choice, found by its voter key', () => {
    const s = votedState();
    const p3 = s.participants[participantId(3)]!;
    expect(participantSelf(s, p3, voterKeyOf(3))).toEqual({ zoneId: 'z3', name: 'P3', choice: 'o3' });
    expect(participantSelf(s, p3, 'not-a-key')).toEqual({ zoneId: 'z3', name: 'P3', choice: null });
    expect(participantSelf(s, p3, null)).toEqual({ zoneId: 'z3', name: 'P3', choice: null });
    const json = JSON.stringify(participantSelf(s, p3, voterKeyOf(3)));
    for (const secret of secretsOf(s)) expect(json).not.toContain(secret);
  });

  it('AN2 after the round closes the views show the kept tally and no choice survives', () => {
    const s0 = votedState();
    const s = run(s0, closeRound(s0, { roundId: 'r1' }));
    const view = facilitatorView(s, 0);
    expect(view.rounds[0]).toMatchObject({ status: 'closed', tally: { ballots: 4, counts: { o1: 2, o2: 1, o3: 1 } } });
    expect(participantView(s).round?.status).toBe('closed');
    expect(participantSelf(s, s.participants[participantId(1)]!, voterKeyOf(1)).choice).toBeNull();
    const json = JSON.stringify(view);
    for (const secret of secretsOf(s0)) expect(json).not.toContain(secret);
  });

  it('before any round opens, phones see no round and consoles see the draft with a zero tally', () => {
    const s = withDraftRound();
    expect(participantView(s).round).toBeNull();
    const view = facilitatorView(s, 0);
    expect(view.currentRoundId).toBeNull();
    expect(view.rounds[0]).toMatchObject({ status: 'draft', tally: { ballots: 0, counts: { o1: 0, o2: 0, o3: 0 } } });
  });

  it('RO2 phones follow the current round when a second one opens', () => {
    let s = withOpenRound();
    s = run(s, createRound(s, { roundId: 'r2', question: 'Tweede', options: ['A', 'B'] }));
    expect(participantView(s).round?.id).toBe('r1');
    s = run(s, openRound(s, { roundId: 'r2', voterSecret: 'x' }));
    expect(participantView(s).round).toMatchObject({ id: 'r2', question: 'Tweede', status: 'open' });
  });
});
