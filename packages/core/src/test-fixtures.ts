/**
 * Helpers for the core unit tests only (not exported from the package): build sessions by running
 * decisions through evolve, the way the server does.
 */
import type { Ballot, RevealMode, RoundConfig } from '@vrijuit/protocol';
import { accept, type Decision } from './result.ts';
import type { DomainEvent } from './events.ts';
import type { Round, SessionSettings, SessionState } from './state.ts';
import { castVote, closeRound, createRound, createSession, joinParticipant, openRound } from './decide.ts';
import { releaseOnClose, submitPainPoint, supportPainPoint } from './decide-pain-points.ts';
import { evolveAll } from './evolve.ts';

/** mulberry32: a tiny seeded PRNG, so the property tests are the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The events and value of an accepted decision; throws (failing the test) on a refusal. */
export function accepted<T>(decision: Decision<T>): { events: readonly DomainEvent[]; value: T } {
  if (!decision.ok) throw new Error(`expected an accepted decision, got ${decision.error.code}`);
  return { events: decision.events, value: decision.value };
}

export function run<T>(state: SessionState | null, decision: Decision<T>): SessionState {
  const next = evolveAll(state, accepted(decision).events);
  if (!next) throw new Error('no state');
  return next;
}

/** Freezes a value and everything reachable from it, so any mutation throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<string | symbol, unknown>)[key]);
  }
  return value;
}

/** Distinctive strings, so a leak of any of them is found by a plain substring search. */
/** The account that made the session; never in any view. */
export const OWNER_ACCOUNT_ID = 'owner-account-id-SECRET';
export const participantId = (n: number) => `participant-id-${n}-SECRET`;
export const tokenHash = (n: number) => `token-hash-${n}-SECRET`;
export const voterKeyOf = (n: number, round = 'r1') => `voter-key-${round}-${n}-SECRET`;
/** The injected clock of the fixtures (epoch ms). */
export const NOW = 1_800_000_000_000;

/** A session "Retro" with zones z1 Noord, z2 Zuid, z3 Oost (k = 3; pain points released by 3, every 15 s). */
export function session(settings: Partial<SessionSettings> = {}): SessionState {
  return run(
    null,
    createSession({
      sessionId: 'session-1',
      joinCode: 'ABCD23',
      title: 'Retro',
      zones: ['Noord', 'Zuid', 'Oost'],
      anonymityThreshold: 3,
      weighted: false,
      releaseEverySeconds: 15,
      releaseMinEntries: 3,
      ownerAccountId: OWNER_ACCOUNT_ID,
      ...settings,
    }),
  );
}

export function join(
  state: SessionState,
  n: number,
  zoneId: string,
  name = `P${n}`,
  municipalityId: string | null = null,
): SessionState {
  return run(
    state,
    joinParticipant(state, {
      participantId: participantId(n),
      tokenHash: tokenHash(n),
      zoneId,
      municipalityId,
      name,
    }),
  );
}

/**
 * A session "Regio" (k = 3, weighted) with zone z1 Noord holding municipalities z1m1 Assen (weight 3)
 * and z1m2 Emmen (weight 1), and zone z2 Zuid without municipalities.
 */
export function regionSession(): SessionState {
  return run(
    null,
    createSession({
      sessionId: 'session-2',
      joinCode: 'REGI23',
      title: 'Regio',
      zones: [
        {
          name: 'Noord',
          municipalities: [
            { name: 'Assen', weight: 3 },
            { name: 'Emmen', weight: 1 },
          ],
        },
        'Zuid',
      ],
      anonymityThreshold: 3,
      weighted: true,
      releaseEverySeconds: 15,
      releaseMinEntries: 3,
      ownerAccountId: OWNER_ACCOUNT_ID,
    }),
  );
}

/** Adds a draft round of any kind at the end of the agenda; options o1.. are labelled A, B, C, …. */
export function addRound(
  state: SessionState,
  roundId: string,
  config: RoundConfig,
  extra: { options?: string[]; reveal?: RevealMode; durationSeconds?: number | null; question?: string } = {},
): SessionState {
  return run(
    state,
    createRound(state, {
      roundId,
      question: extra.question ?? `Vraag ${roundId}`,
      options: extra.options ?? ['A', 'B', 'C'],
      config,
      reveal: extra.reveal ?? 'manual',
      durationSeconds: extra.durationSeconds ?? null,
    }),
  );
}

export function startRound(state: SessionState, roundId: string, now = NOW): SessionState {
  return run(state, openRound(state, { roundId, now }));
}

export function endRound(state: SessionState, roundId: string): SessionState {
  return run(state, closeRound(state, { roundId }));
}

/** Participant n casts (or changes) a ballot of any kind. */
export function cast(state: SessionState, n: number, ballot: Ballot, roundId = 'r1'): SessionState {
  return run(
    state,
    castVote(state, { participantId: participantId(n), voterKey: voterKeyOf(n, roundId), roundId, ballot }),
  );
}

/** Session with participants 1 (z1), 2 (z2), 3 (z3), 4 (z1) and a draft round r1 with options o1 Ja, o2 Nee, o3 Later. */
export function withDraftRound(): SessionState {
  let s = session();
  s = join(s, 1, 'z1');
  s = join(s, 2, 'z2');
  s = join(s, 3, 'z3');
  s = join(s, 4, 'z1');
  return run(
    s,
    createRound(s, {
      roundId: 'r1',
      question: 'Gaan we door?',
      options: ['Ja', 'Nee', 'Later'],
      config: { kind: 'single-choice' },
      reveal: 'manual',
      durationSeconds: null,
    }),
  );
}

export function withOpenRound(): SessionState {
  const s = withDraftRound();
  return run(s, openRound(s, { roundId: 'r1', now: NOW }));
}

export function vote(state: SessionState, n: number, optionId: string, roundId = 'r1'): SessionState {
  return cast(state, n, { kind: 'single-choice', optionId }, roundId);
}

/* Pain points (SPEC PP1-PP8, AN7-AN10). */

/** The fixtures' pain-point round: an id long enough for the protocol's RoundId, so views parse as they are. */
export const PAIN = 'round-pain';
/** Pain-point ids (the protocol wants 8-64 characters); their sort order is a < b < c < d < e. */
export const A = 'point-aaa';
export const B = 'point-bbb';
export const C = 'point-ccc';
export const D = 'point-ddd';
export const E = 'point-eee';

export interface PainOptions {
  perParticipant?: number;
  premoderation?: boolean;
  /** The round's themes, o1.. (default o1 Werkdruk, o2 Overleg). */
  themes?: string[];
  reveal?: RevealMode;
  /** The session's batch size (default 3, the floor AN21); `release` below ignores it. */
  releaseMinEntries?: number;
  /** Participants 1..people join, in zones z1, z2, z3 in turn (default 6). */
  people?: number;
  /** Leave the round a draft. */
  draft?: boolean;
}

/** Session "Retro" with participants and the pain-point round `round-pain`, open unless `draft`. */
export function withPainRound(o: PainOptions = {}): SessionState {
  let s = session({ releaseMinEntries: o.releaseMinEntries ?? 3 });
  for (let n = 1; n <= (o.people ?? 6); n++) s = join(s, n, `z${((n - 1) % 3) + 1}`);
  s = addRound(
    s,
    PAIN,
    { kind: 'pain-points', perParticipant: o.perParticipant ?? 3, premoderation: o.premoderation ?? false },
    { options: o.themes ?? ['Werkdruk', 'Overleg'], reveal: o.reveal ?? 'manual', question: 'Wat zit je dwars?' },
  );
  return o.draft ? s : startRound(s, PAIN);
}

/** The text the fixtures give an entry unless told otherwise. */
export const textOf = (pointId: string) => `Tekst van ${pointId}`;

/** Participant n adds entry `pointId` (it waits in the inbox). */
export function submit(
  state: SessionState,
  n: number,
  pointId: string,
  extra: { text?: string; themeId?: string | null; roundId?: string } = {},
): SessionState {
  const roundId = extra.roundId ?? PAIN;
  return run(
    state,
    submitPainPoint(state, {
      participantId: participantId(n),
      voterKey: voterKeyOf(n, roundId),
      roundId,
      pointId,
      text: extra.text ?? textOf(pointId),
      themeId: extra.themeId ?? null,
    }),
  );
}

/** Participant n supports entry `pointId` (or withdraws with `supported` false). */
export function support(state: SessionState, n: number, pointId: string, supported = true, roundId = PAIN) {
  return run(
    state,
    supportPainPoint(state, {
      participantId: participantId(n),
      voterKey: voterKeyOf(n, roundId),
      roundId,
      pointId,
      supported,
    }),
  );
}

/**
 * Releases every entry waiting in an open round, however few, with the event a tick gives a full batch
 * (AN8), so tests of the wall need not type three entries first. The batch rules themselves (AN8, AN21)
 * are tested on `releaseDue`.
 */
export function release(state: SessionState): SessionState {
  const events = state.rounds.filter((r) => r.status === 'open').flatMap((r) => releaseOnClose(r));
  return run(state, accept(events, {}));
}

/** `withPainRound(o)` with entries `ids` added by participants 1, 2, 3, … in turn and released. */
export function withPoints(ids: readonly string[], o: PainOptions = {}): SessionState {
  let s = withPainRound(o);
  ids.forEach((id, i) => (s = submit(s, (i % (o.people ?? 6)) + 1, id)));
  return release(s);
}

/** The pain-point round of a state (the fixtures' one unless told). */
export function painRound(state: SessionState, roundId = PAIN): Round {
  const round = state.rounds.find((r) => r.id === roundId);
  if (!round) throw new Error(`no round ${roundId}`);
  return round;
}
