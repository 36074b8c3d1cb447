/**
 * Sessions for the store contract test (store-contract.test.ts), driven by real core decisions and
 * committed as SessionHub commits them, and what a store must give back for a decided state.
 */
import {
  acceptSuggestion,
  addTheme,
  castPaperVote,
  castVote,
  closeRound,
  createRound,
  evolveAll,
  hidePainPoint,
  joinParticipant,
  knock,
  mergePainPoint,
  moveRound,
  openRound,
  releaseDue,
  setDoor,
  setSessionStatus,
  submitPainPoint,
  supportPainPoint,
  tableFromEntries,
  tableToRecord,
  tableValues,
  tallyOf,
  UNPLACED,
  type Decision,
  type DomainEvent,
  type SessionState,
} from '@vrijuit/core';
import type { CommandRecord, SessionStore } from '../src/store/store.ts';
import { newCommandId } from './helpers.ts';
import { oneZoneSession } from './session-fixture.ts';

/**
 * What the store is to give back for a decided state: everything but what stays in memory by design —
 * a phone's ballot's zone and municipality (AN16, so the tally is counted again without them), how many
 * entries each voter added (AN7), a waiting join's name (DO9); supporters come back in key order.
 */
export function asStored(state: SessionState): SessionState {
  const { door } = state;
  return {
    ...state,
    ...(door && {
      door: {
        ...door,
        waiting: tableFromEntries(tableValues(door.waiting).map((w) => [w.tokenHash, { ...w, name: '' }])),
      },
    }),
    rounds: state.rounds.map((r) => {
      const ballots = tableFromEntries(
        Object.entries(tableToRecord(r.ballots)).map(([key, b]) => [
          key,
          b.paper ? b : { ...b, zoneId: UNPLACED, municipalityId: null },
        ]),
      );
      return {
        ...r,
        plain: r.plain ?? null,
        ballots,
        tally: tallyOf(r.config, r.options, tableValues(ballots)),
        submitted: {},
        points: tableFromEntries(
          tableValues(r.points).map((p) => [p.id, { ...p, supporters: [...p.supporters].sort() }]),
        ),
      };
    }),
  };
}

/** A session driven by core's decisions against one store, as SessionHub commits them. */
export function session(store: () => SessionStore) {
  const sessionId = `s-${newCommandId()}`;
  const joinCode = newCommandId().slice(0, 6).toUpperCase();
  let state: SessionState | null = null;
  const decide = async <T>(
    decision: (s: SessionState) => Decision<T>,
    commandId: string | null = newCommandId(),
  ): Promise<{ value: T; events: readonly DomainEvent[]; record: CommandRecord | null }> => {
    const d = decision(state!);
    if (!d.ok) throw new Error(`${d.error.code}: ${d.error.message}`);
    const record = commandId === null ? null : { scope: sessionId, commandId, result: { ok: true, value: d.value } };
    await store().commit(sessionId, d.events, record);
    state = evolveAll(state, d.events);
    await store().scrub(sessionId, d.events);
    return { value: d.value, events: d.events, record };
  };
  return {
    sessionId,
    joinCode,
    decide,
    get state() {
      return state!;
    },
    create: () =>
      decide(() =>
        oneZoneSession(sessionId, joinCode, {
          title: 'Toekomst',
          zones: [{ name: 'Noord', municipalities: [{ name: 'Geel' }, { name: 'Mol' }] }, 'Zuid'],
        }),
      ),
    join: (i: number) =>
      decide((s) =>
        joinParticipant(s, {
          participantId: `p${i}`,
          tokenHash: `t${i}`,
          zoneId: i % 2 ? 'z1' : 'z2',
          municipalityId: i % 2 ? 'z1m1' : null,
          name: `Naam ${i} of ${sessionId}`,
        }),
      ),
  };
}

/** Rounds of every kind the store writes: a timed vote with phone and paper ballots, a moderated wall. */
export async function workshop(s: ReturnType<typeof session>) {
  await s.create();
  await s.decide((st) => setSessionStatus(st, { status: 'live', now: Date.now() }));
  for (let i = 0; i < 5; i++) await s.join(i);
  await s.decide((st) =>
    createRound(st, {
      roundId: 'vote',
      question: 'Welk thema eerst?',
      options: ['Zorg', 'Wonen', 'Mobiliteit'],
      config: { kind: 'single-choice' },
      reveal: 'manual',
      durationSeconds: 600,
    }),
  );
  await s.decide((st) =>
    createRound(st, {
      roundId: 'wall',
      question: 'Wat knelt?',
      options: ['Tijd'],
      config: { kind: 'pain-points', perParticipant: 3, premoderation: false },
      reveal: 'manual',
      durationSeconds: null,
    }),
  );
  await s.decide((st) => moveRound(st, { roundId: 'wall', position: 0 }));
  await s.decide((st) => openRound(st, { roundId: 'vote', now: Date.UTC(2026, 11, 6, 9) }));
  for (let i = 0; i < 4; i++) {
    await s.decide((st) =>
      castVote(st, {
        participantId: `p${i}`,
        voterKey: `k${i}`,
        roundId: 'vote',
        ballot: { kind: 'single-choice', optionId: `o${(i % 3) + 1}` },
      }),
    );
  }
  await s.decide((st) =>
    castPaperVote(st, {
      roundId: 'vote',
      voterKey: 'paper-1',
      zoneId: 'z1',
      municipalityId: 'z1m2',
      ballot: { kind: 'single-choice', optionId: 'o2' },
    }),
  );
  await s.decide((st) => closeRound(st, { roundId: 'vote' }));
  await s.decide((st) => openRound(st, { roundId: 'wall', now: Date.UTC(2026, 11, 6, 10) }));
  const texts = ['Te weinig tijd', 'Geen vervoer', 'Wachtlijsten', 'Te veel papier'];
  for (let i = 0; i < texts.length; i++) {
    await s.decide((st) =>
      submitPainPoint(st, {
        participantId: `p${i}`,
        voterKey: `w${i}`,
        roundId: 'wall',
        pointId: `pt${i}`,
        text: `${texts[i]!} (${s.sessionId})`,
        themeId: null,
      }),
    );
  }
  await s.decide((st) => releaseDue(st), null);
  for (const [i, point] of [
    [0, 'pt1'],
    [1, 'pt1'],
    [2, 'pt2'],
    [3, 'pt1'],
  ] as const) {
    await s.decide((st) =>
      supportPainPoint(st, {
        participantId: `p${i}`,
        voterKey: `w${i}`,
        roundId: 'wall',
        pointId: point,
        supported: true,
      }),
    );
  }
  await s.decide((st) => mergePainPoint(st, { roundId: 'wall', pointId: 'pt2', intoId: 'pt1' }));
  await s.decide((st) => hidePainPoint(st, { roundId: 'wall', pointId: 'pt3', reason: null }));
  await s.decide((st) => addTheme(st, { roundId: 'wall', label: 'Vervoer' }));
  // ML1, ML4: a suggestion accepted into a new theme (the merge above is logged too).
  await s.decide((st) => acceptSuggestion(st, { roundId: 'wall', theme: { label: 'Wonen' }, pointIds: ['pt1'] }));
  await s.decide((st) => setDoor(st, { closed: true, participantIds: [] }));
  await s.decide((st) =>
    knock(st, {
      participantId: 'p9',
      tokenHash: 't9',
      zoneId: 'z2',
      municipalityId: null,
      name: 'Wacht',
      limited: false,
    }),
  );
}
