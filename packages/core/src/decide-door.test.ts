import { describe, expect, it } from 'vitest';
import { FacilitatorView, LIMITS } from '@vrijuit/protocol';
import { admitWaiting, knock, mustWait, setDoor, turnAway, waitingJoins, type Arrival } from './decide-door.ts';
import { updateSession } from './decide-design.ts';
import { setSessionStatus } from './decide-lifecycle.ts';
import { designOf } from './design.ts';
import { facilitatorView, participantView, projectorView } from './projection.ts';
import type { SessionState } from './state.ts';
import { accepted, deepFreeze, join, NOW, participantId, run, session, tokenHash } from './test-fixtures.ts';
import { participantList } from './participants.ts';

/** Phone n knocks (participant:join) in `zoneId`; its state after, and how it came in. */
function knocked(
  state: SessionState,
  n: number,
  zoneId = 'z1',
  extra: { name?: string; limited?: boolean; municipalityId?: string | null } = {},
): { state: SessionState; arrival: Arrival } {
  const decision = knock(state, {
    participantId: participantId(n),
    tokenHash: tokenHash(n),
    zoneId,
    municipalityId: extra.municipalityId ?? null,
    name: extra.name ?? `P${n}`,
    limited: extra.limited ?? false,
  });
  return { state: run(state, decision), arrival: accepted(decision).value.arrival };
}

const ids = (...n: number[]) => n.map(participantId);
const closed = (state: SessionState) => run(state, setDoor(state, { closed: true, participantIds: [] }));
const expecting = (state: SessionState, expectedParticipants: number | null) =>
  run(state, updateSession(state, { settings: { expectedParticipants } }));
const console_ = (state: SessionState) => facilitatorView(state, 0, NOW);

describe('the door (DO)', () => {
  it('DO1 with the door closed a new phone waits: no participant, the console counts it per zone, no name or token', () => {
    let s = closed(join(session(), 1, 'z1'));
    let k = knocked(s, 2, 'z2', { name: 'Naam-SECRET' });
    expect(k.arrival).toBe('waiting');
    s = k.state;
    k = knocked(s, 3, 'z2');
    s = k.state;
    expect(participantList(s.participants).map((p) => p.id)).toEqual([participantId(1)]);
    const view = console_(s);
    expect(view.door).toEqual({ closed: true, waiting: 2, waitingByZone: { z1: 0, z2: 2, z3: 0 } });
    expect(view.attendance.joined).toBe(1);
    expect(FacilitatorView.parse(view)).toEqual(view);
    const json = JSON.stringify(view);
    expect(json).not.toContain('SECRET');
    // Phones and the projector see nothing of the door.
    expect(JSON.stringify([participantView(s, NOW), projectorView(s, NOW)])).not.toMatch(/door|SECRET|waiting/);
  });

  it('DO1 an open door with nobody waiting adds nothing to the console view', () => {
    const s = join(session(), 1, 'z1');
    expect(console_(s)).not.toHaveProperty('door');
    const reopened = run(closed(s), setDoor(closed(s), { closed: false, participantIds: [] }));
    expect(console_(reopened)).toEqual(console_(s));
  });

  it('DO1 SE2 SE4 a waiting join is checked as a join: unknown zone or municipality is refused and waits nowhere', () => {
    const s = closed(session());
    const bad = knock(s, {
      participantId: participantId(1),
      tokenHash: tokenHash(1),
      zoneId: 'z9',
      municipalityId: null,
      name: '',
      limited: false,
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'ZONE_NOT_FOUND' } });
    const municipality = knock(s, {
      participantId: participantId(1),
      tokenHash: tokenHash(1),
      zoneId: 'z1',
      municipalityId: 'z2m1',
      name: '',
      limited: false,
    });
    expect(municipality).toMatchObject({ ok: false, error: { code: 'MUNICIPALITY_NOT_FOUND' } });
  });

  it('DO1 DE2 zones are in use while anyone waits at the door', () => {
    const s = knocked(closed(session()), 1, 'z1').state;
    expect(updateSession(s, { zones: ['West'] })).toMatchObject({ ok: false, error: { code: 'ZONES_IN_USE' } });
    const gone = run(s, turnAway(s, { zoneId: null }));
    expect(updateSession(gone, { zones: ['West'] }).ok).toBe(true);
  });

  it('DO2 once the expected number has joined, new phones wait with the door open; below it they join', () => {
    let s = expecting(session(), 2);
    expect(knocked(s, 1).arrival).toBe('joined');
    s = knocked(s, 1).state;
    s = knocked(s, 2).state;
    expect(mustWait(s)).toBe(true);
    const third = knocked(s, 3, 'z3');
    expect(third.arrival).toBe('waiting');
    expect(console_(third.state).door).toEqual({ closed: false, waiting: 1, waitingByZone: { z1: 0, z2: 0, z3: 1 } });
    // Null clears the limit: the next phone joins at once.
    expect(knocked(expecting(s, null), 4).arrival).toBe('joined');
  });

  it('DO2 DE8 the expected number is a setting of the day: on the console, not in the design', () => {
    const s = expecting(session(), 40);
    expect(console_(s).session.settings.expectedParticipants).toBe(40);
    expect(designOf(s).settings).not.toHaveProperty('expectedParticipants');
  });

  it('DO3 opening the door lets the waiting in as far as the expected number allows; the rest keep waiting', () => {
    let s = expecting(session(), 3);
    s = knocked(s, 1).state;
    s = closed(s);
    for (const n of [2, 3, 4, 5]) s = knocked(s, n, `z${(n % 3) + 1}`).state;
    expect(waitingJoins(s)).toHaveLength(4);
    const opened = setDoor(s, { closed: false, participantIds: ids(20, 21, 22, 23) });
    const events = accepted(opened).events;
    expect(events.map((e) => e.type)).toEqual([
      'door:changed',
      'door:cleared',
      'participant:joined',
      'participant:joined',
    ]);
    s = run(s, opened);
    expect(participantList(s.participants).map((p) => p.id)).toHaveLength(3);
    expect(console_(s).door).toMatchObject({ closed: false, waiting: 2 });
    // Without an expected number everyone comes in.
    let t = closed(session());
    for (const n of [1, 2, 3]) t = knocked(t, n).state;
    t = run(t, setDoor(t, { closed: false, participantIds: ids(7, 8, 9) }));
    expect(participantList(t.participants).map((p) => p.id)).toHaveLength(3);
    expect(console_(t)).not.toHaveProperty('door');
  });

  it('DO3 setting the door to the state it has changes nothing', () => {
    const s = session();
    expect(accepted(setDoor(s, { closed: false, participantIds: [] })).events).toEqual([]);
    const c = closed(s);
    expect(accepted(setDoor(c, { closed: true, participantIds: [] })).events).toEqual([]);
  });

  it('DO4 admitting a zone lets in its waiting joins whatever door and expected number say, with what they sent', () => {
    let s = expecting(session(), 1);
    s = knocked(s, 1).state;
    s = closed(s);
    s = knocked(s, 2, 'z2', { name: 'Ann' }).state;
    s = knocked(s, 3, 'z2').state;
    s = knocked(s, 4, 'z3').state;
    const decision = admitWaiting(s, { zoneId: 'z2', participantIds: ids(12, 13, 14) });
    expect(accepted(decision).value).toEqual({ admitted: 2 });
    s = run(s, decision);
    const admitted = participantList(s.participants).filter((p) => p.zoneId === 'z2');
    expect(admitted.map((p) => p.tokenHash).sort()).toEqual([tokenHash(2), tokenHash(3)]);
    expect(admitted.find((p) => p.tokenHash === tokenHash(2))?.name).toBe('Ann');
    expect(console_(s).door).toEqual({ closed: true, waiting: 1, waitingByZone: { z1: 0, z2: 0, z3: 1 } });
    // The admitted phone sends its join again: it is the participant it became (SE1, DO5).
    const again = knocked(s, 2, 'z2', { name: 'Ann' });
    expect(again.arrival).toBe('known');
    expect(again.state).toBe(s);
    // All: the rest.
    expect(accepted(admitWaiting(s, { zoneId: null, participantIds: ids(15) })).value).toEqual({ admitted: 1 });
  });

  it('DO4 turning away forgets the waiting joins of a zone; an unknown zone is ZONE_NOT_FOUND', () => {
    let s = closed(session());
    s = knocked(s, 1, 'z1').state;
    s = knocked(s, 2, 'z2').state;
    expect(turnAway(s, { zoneId: 'z9' })).toMatchObject({ ok: false, error: { code: 'ZONE_NOT_FOUND' } });
    expect(admitWaiting(s, { zoneId: 'z9', participantIds: [] })).toMatchObject({
      ok: false,
      error: { code: 'ZONE_NOT_FOUND' },
    });
    const decision = turnAway(s, { zoneId: 'z1' });
    expect(accepted(decision).value).toEqual({ turnedAway: 1 });
    s = run(s, decision);
    expect(waitingJoins(s).map((j) => j.tokenHash)).toEqual([tokenHash(2)]);
    expect(participantList(s.participants).map((p) => p.id)).toEqual([]);
    // Nothing waiting: nothing to do.
    expect(accepted(turnAway(s, { zoneId: 'z1' })).events).toEqual([]);
  });

  it('DO4 LC4 admitting in an ended session is SESSION_STATE; turning away still works', () => {
    let s = knocked(closed(session()), 1).state;
    s = run(s, setSessionStatus(s, { status: 'live', now: NOW }));
    s = run(s, setSessionStatus(s, { status: 'closed', now: NOW }));
    expect(admitWaiting(s, { zoneId: null, participantIds: ids(5) })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_STATE' },
    });
    expect(accepted(turnAway(s, { zoneId: null })).value).toEqual({ turnedAway: 1 });
  });

  it('DO5 SE1 a known token always gets back in, door closed or session full, and costs no limit', () => {
    let s = expecting(session(), 1);
    s = knocked(s, 1).state;
    s = closed(s);
    const back = knocked(s, 1, 'z1', { limited: true });
    expect(back.arrival).toBe('known');
    expect(back.state).toBe(s);
  });

  it('DO5 a waiting join sent again keeps waiting (with what it sent) and gets in once nothing holds it', () => {
    let s = closed(session());
    s = knocked(s, 1, 'z1', { name: '' }).state;
    // After a restart the store gave it back without its name; the phone sends it again.
    const again = knock(s, {
      participantId: participantId(1),
      tokenHash: tokenHash(1),
      zoneId: 'z1',
      municipalityId: null,
      name: 'Ann',
      limited: true,
    });
    expect(accepted(again).value.arrival).toBe('waiting');
    expect(accepted(again).events).toEqual([
      { type: 'door:waiting', join: { tokenHash: tokenHash(1), zoneId: 'z1', municipalityId: null, name: 'Ann' } },
    ]);
    s = run(s, again);
    // The same join again changes nothing.
    expect(
      accepted(
        knock(s, {
          ...{ participantId: participantId(1), tokenHash: tokenHash(1) },
          zoneId: 'z1',
          municipalityId: null,
          name: 'Ann',
          limited: false,
        }),
      ).events,
    ).toEqual([]);
    // The door opens in another way than setDoor (e.g. the state loaded without it): the next send joins.
    const open = { ...s, door: { ...s.door!, closed: false } };
    const joined = knocked(open, 1, 'z1', { name: 'Ann' });
    expect(joined.arrival).toBe('joined');
    expect(waitingJoins(joined.state)).toEqual([]);
    expect(participantList(joined.state.participants).map((p) => p.name)).toEqual(['Ann']);
  });

  it('DO5 LC4 an ended session refuses every join before the door: SESSION_CLOSED', () => {
    let s = run(session(), setSessionStatus(session(), { status: 'live', now: NOW }));
    s = run(s, setSessionStatus(s, { status: 'closed', now: NOW }));
    expect(
      knock(closed(s), {
        participantId: 'p',
        tokenHash: 'h',
        zoneId: 'z1',
        municipalityId: null,
        name: '',
        limited: false,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'SESSION_CLOSED' },
    });
  });

  it('DO6 a new token from an address over its share is RATE_LIMITED and nothing is kept', () => {
    const s = session();
    expect(
      knock(s, { participantId: 'p', tokenHash: 'h', zoneId: 'z1', municipalityId: null, name: '', limited: true }),
    ).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    expect(
      knock(closed(s), {
        participantId: 'p',
        tokenHash: 'h',
        zoneId: 'z1',
        municipalityId: null,
        name: '',
        limited: true,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
  });

  it(`DO7 at most ${LIMITS.waitingJoins} joins wait; the next new one is RATE_LIMITED, those waiting still answer`, () => {
    let s = closed(session());
    const many = Array.from({ length: LIMITS.waitingJoins }, (_, i) => ({
      type: 'door:waiting' as const,
      join: { tokenHash: `hash-${i}`, zoneId: 'z1', municipalityId: null, name: '' },
    }));
    s = run(s, { ok: true, events: many, value: {} });
    expect(console_(s).door?.waiting).toBe(LIMITS.waitingJoins);
    expect(
      knock(s, { participantId: 'p', tokenHash: 'new', zoneId: 'z1', municipalityId: null, name: '', limited: false }),
    ).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    expect(
      accepted(
        knock(s, {
          participantId: 'p',
          tokenHash: 'hash-7',
          zoneId: 'z1',
          municipalityId: null,
          name: '',
          limited: false,
        }),
      ).value.arrival,
    ).toBe('waiting');
  });

  it('DO decisions never mutate their input', () => {
    let s = expecting(session(), 1);
    s = knocked(s, 1).state;
    s = deepFreeze(knocked(closed(s), 2).state);
    expect(() => {
      knocked(s, 3);
      run(s, setDoor(s, { closed: false, participantIds: ids(9) }));
      run(s, admitWaiting(s, { zoneId: null, participantIds: ids(9) }));
      run(s, turnAway(s, { zoneId: null }));
    }).not.toThrow();
  });
});
