import { describe, expect, it } from 'vitest';
import {
  commands,
  DEFAULTS,
  FLOORS,
  LIMITS,
  raiseToFloors,
  SessionDesign,
  type ErrorCode,
  type SessionSettings,
} from '@vrijuit/protocol';
import { castVote, closeRound, createSession } from './decide.ts';
import { updateSession } from './decide-design.ts';
import { releaseDue, waitingIn } from './decide-pain-points.ts';
import { designOf } from './design.ts';
import type { Decision } from './result.ts';
import type { SessionState } from './state.ts';
import { builtInTemplates } from './templates/index.ts';
import { kempenDesign } from './templates/kempen.ts';
import {
  accepted,
  addRound,
  deepFreeze,
  join,
  OWNER_ACCOUNT_ID,
  painRound,
  run,
  session,
  startRound,
  submit,
  voterKeyOf,
  participantId,
  withPainRound,
} from './test-fixtures.ts';

type Floored = 'anonymityThreshold' | 'releaseMinEntries' | 'releaseEverySeconds';

const create = (settings: Partial<SessionSettings>) =>
  createSession({
    sessionId: 'session-1',
    joinCode: 'ABCD23',
    title: 'Retro',
    zones: ['Noord', 'Zuid'],
    anonymityThreshold: DEFAULTS.anonymityThreshold,
    weighted: false,
    releaseEverySeconds: DEFAULTS.releaseEverySeconds,
    releaseMinEntries: DEFAULTS.releaseMinEntries,
    ownerAccountId: OWNER_ACCOUNT_ID,
    ...settings,
  });

function expectRefused(decision: Decision<unknown>, code: ErrorCode): void {
  expect(decision).toMatchObject({ ok: false, error: { code } });
  if (!decision.ok) expect(decision.error.message.length).toBeGreaterThan(0);
}

/** The settings a session is stored with by a build from before the floors (straight into the state). */
const stored = (s: SessionState, settings: Partial<SessionSettings>): SessionState => ({
  ...s,
  settings: { ...s.settings, ...settings },
});

describe('AN20 AN21 floors', () => {
  it('AN20 AN21 the floors: k and the pain-point batch at least 3, the release interval at least 10 s', () => {
    expect(FLOORS).toEqual({ anonymityThreshold: 3, releaseMinEntries: 3, releaseEverySeconds: 10 });
    // The defaults sit at or above them, the limits well above.
    for (const key of ['anonymityThreshold', 'releaseMinEntries', 'releaseEverySeconds'] as const) {
      expect(DEFAULTS[key]).toBeGreaterThanOrEqual(FLOORS[key]);
      expect(LIMITS[key]).toBeGreaterThan(FLOORS[key]);
    }
  });

  it('AN20 k below 3 is refused with BELOW_FLOOR when a session is created; 3 is taken', () => {
    for (const k of [0, 1, 2, -1, Number.NaN]) expectRefused(create({ anonymityThreshold: k }), 'BELOW_FLOOR');
    expect(accepted(create({ anonymityThreshold: 3 })).events[0]).toMatchObject({
      settings: { anonymityThreshold: 3 },
    });
  });

  it('AN21 a pain-point batch below 3 or a release interval below 10 s is refused with BELOW_FLOOR', () => {
    for (const n of [1, 2]) expectRefused(create({ releaseMinEntries: n }), 'BELOW_FLOOR');
    for (const seconds of [1, 5, 9]) expectRefused(create({ releaseEverySeconds: seconds }), 'BELOW_FLOOR');
    expect(accepted(create({ releaseMinEntries: 3, releaseEverySeconds: 10 })).events[0]).toMatchObject({
      settings: { releaseMinEntries: 3, releaseEverySeconds: 10 },
    });
  });

  it('AN20 AN21 session:update below a floor is BELOW_FLOOR and changes nothing, before anyone joined too', () => {
    const s = deepFreeze(session());
    const cases: [Floored, number][] = [
      ['anonymityThreshold', 2],
      ['anonymityThreshold', 1],
      ['releaseMinEntries', 2],
      ['releaseMinEntries', 1],
      ['releaseEverySeconds', 9],
      ['releaseEverySeconds', 1],
    ];
    for (const [key, value] of cases) {
      const refused = updateSession(s, { title: 'Nieuw', settings: { [key]: value } });
      expectRefused(refused, 'BELOW_FLOOR');
      expect(refused.ok ? refused.events : []).toEqual([]);
    }
  });

  it('AN20 AN21 the protocol refuses the same values at the door (session:create and session:update)', () => {
    const base = { commandId: 'command-id-1', title: 'Retro', zones: ['Noord'] };
    const create = commands['session:create'].request;
    const update = commands['session:update'].request;
    for (const [key, low, floor] of [
      ['anonymityThreshold', 2, 3],
      ['releaseMinEntries', 2, 3],
      ['releaseEverySeconds', 9, 10],
    ] as const) {
      expect(create.safeParse({ ...base, [key]: low }).success, `create ${key} ${low}`).toBe(false);
      expect(create.safeParse({ ...base, [key]: floor }).success, `create ${key} ${floor}`).toBe(true);
      expect(update.safeParse({ commandId: 'command-id-1', settings: { [key]: low } }).success).toBe(false);
      expect(update.safeParse({ commandId: 'command-id-1', settings: { [key]: floor } }).success).toBe(true);
    }
  });
});

describe('AN22 only up once someone joined', () => {
  it('AN22 before the first join the protections move freely between the floor and the maximum', () => {
    let s = session({ anonymityThreshold: 6, releaseMinEntries: 6, releaseEverySeconds: 60 });
    s = run(
      s,
      updateSession(s, { settings: { anonymityThreshold: 3, releaseMinEntries: 3, releaseEverySeconds: 10 } }),
    );
    expect(s.settings).toMatchObject({ anonymityThreshold: 3, releaseMinEntries: 3, releaseEverySeconds: 10 });
    s = run(s, updateSession(s, { settings: { anonymityThreshold: 50, releaseEverySeconds: 600 } }));
    expect(s.settings).toMatchObject({ anonymityThreshold: 50, releaseEverySeconds: 600 });
  });

  it('AN22 once someone joined, lowering k, the batch or the interval is PROTECTION_LOWERED and changes nothing', () => {
    const s = deepFreeze(
      join(session({ anonymityThreshold: 5, releaseMinEntries: 5, releaseEverySeconds: 30 }), 1, 'z1'),
    );
    const cases: [Floored, number][] = [
      ['anonymityThreshold', 4],
      ['anonymityThreshold', 3],
      ['releaseMinEntries', 4],
      ['releaseEverySeconds', 29],
      ['releaseEverySeconds', 10],
    ];
    for (const [key, value] of cases) {
      const refused = updateSession(s, { title: 'Nieuw', settings: { [key]: value } });
      expectRefused(refused, 'PROTECTION_LOWERED');
    }
    // Below the floor as well: the floor is the first reason given.
    expectRefused(updateSession(s, { settings: { anonymityThreshold: 1 } }), 'BELOW_FLOOR');
  });

  it('AN22 once someone joined, raising them, keeping them and changing anything else still works', () => {
    let s = join(session(), 1, 'z1');
    s = run(
      s,
      updateSession(s, { settings: { anonymityThreshold: 4, releaseMinEntries: 4, releaseEverySeconds: 20 } }),
    );
    expect(s.settings).toMatchObject({ anonymityThreshold: 4, releaseMinEntries: 4, releaseEverySeconds: 20 });
    expect(accepted(updateSession(s, { settings: { anonymityThreshold: 4 } })).events).toEqual([]);
    s = run(s, updateSession(s, { title: 'Nieuw', settings: { weighted: true } }));
    expect(s).toMatchObject({ title: 'Nieuw', settings: { weighted: true, anonymityThreshold: 4 } });
  });
});

describe('AN24 older sessions and designs', () => {
  it('AN24 a session stored with k 1 is held to k 3 when its results are computed', () => {
    // One voter in z1, three in z2: at k 1 z1 would be shown with its one ballot.
    let s = stored(join(join(join(join(session(), 1, 'z1'), 2, 'z2'), 3, 'z2'), 4, 'z2'), { anonymityThreshold: 1 });
    s = addRound(s, 'r1', { kind: 'single-choice' });
    s = startRound(s, 'r1');
    for (const n of [1, 2, 3, 4]) {
      s = run(
        s,
        castVote(s, {
          participantId: participantId(n),
          voterKey: voterKeyOf(n),
          roundId: 'r1',
          ballot: { kind: 'single-choice', optionId: 'o1' },
        }),
      );
    }
    s = run(s, closeRound(s, { roundId: 'r1' }));
    const zones = s.rounds[0]!.closedResults!.breakdown!.zones;
    expect(zones.map((z) => z.suppressed)).toEqual([true, true, false]);
  });

  it('AN24 a session stored with a batch of 1 releases no fewer than 3 entries at a tick', () => {
    let s = stored(withPainRound(), { releaseMinEntries: 1 });
    s = submit(submit(s, 1, 'point-aaa'), 2, 'point-bbb');
    expect(accepted(releaseDue(s)).events).toEqual([]);
    s = submit(s, 3, 'point-ccc');
    s = run(s, releaseDue(s));
    expect(waitingIn(painRound(s))).toBe(0);
  });

  it('AN24 raiseToFloors lifts what is below a floor and keeps the rest', () => {
    const low = deepFreeze({ anonymityThreshold: 1, weighted: true, releaseEverySeconds: 1, releaseMinEntries: 2 });
    expect(raiseToFloors(low)).toEqual({
      anonymityThreshold: 3,
      weighted: true,
      releaseEverySeconds: 10,
      releaseMinEntries: 3,
    });
    const high = { anonymityThreshold: 7, weighted: false, releaseEverySeconds: 30, releaseMinEntries: 5 };
    expect(raiseToFloors(high)).toEqual(high);
  });

  it('AN24 TM1 a design (template) with settings below the floors still loads, raised to them, and creates a session', () => {
    const old = SessionDesign.parse({
      ...kempenDesign('nl-BE'),
      settings: { anonymityThreshold: 1, weighted: false, releaseEverySeconds: 1, releaseMinEntries: 1 },
    });
    expect(old.settings).toEqual({
      anonymityThreshold: 3,
      weighted: false,
      releaseEverySeconds: 10,
      releaseMinEntries: 3,
    });
    const s = run(null, create(old.settings));
    expect(designOf(s).settings).toEqual(old.settings);
    // The built-in templates sit at or above the floors already.
    for (const template of builtInTemplates) {
      expect(raiseToFloors(template.design.settings)).toEqual(template.design.settings);
    }
  });
});
