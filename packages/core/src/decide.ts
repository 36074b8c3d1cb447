import {
  hasWall,
  type Ballot,
  type RevealMode,
  type RoundConfig,
  type RoundDesign,
  type RoundPlain,
  type ZoneInput,
} from '@vrijuit/protocol';
import { agendaEvents, copiedRound, plainField, plainOf, zonesOf } from './decide-design.ts';
import type { DomainEvent, SessionDetails } from './events.ts';
import { lifecycleRefusal, openingRoundIn } from './decide-lifecycle.ts';
import { belowFloor } from './floors.ts';
import { releaseOnClose } from './decide-pain-points.ts';
import { keptBallot } from './decide-word-cloud.ts';
import { withCloud } from './project-word-cloud.ts';
import { participantById, participantByToken } from './participants.ts';
import { accept, reject, type Decision } from './result.ts';
import { tableGet } from './table.ts';
import { resultsOfTally, UNPLACED, validateBallot, validateConfig } from './results/index.ts';
import type { Participant, Round, SessionState } from './state.ts';

/** Ids, secrets, hashes and the time are made by the caller and passed in, so core stays pure. */

type Done = Record<string, never>;

/**
 * SE4: zones in the facilitator's order. DE7: a design's agenda becomes draft rounds in the same commit.
 * AN20, AN21: never below the floors (`BELOW_FLOOR`), whatever the caller parsed.
 */
export function createSession(
  input: {
    sessionId: string;
    joinCode: string;
    title: string;
    zones: readonly ZoneInput[];
    anonymityThreshold: number;
    weighted: boolean;
    releaseEverySeconds: number;
    releaseMinEntries: number;
    /** KT1: phones show the plain-language wording first; left out or false: off. */
    plainLanguage?: boolean;
    /** The signed-in account creating it (AC1). */
    ownerAccountId: string;
    /** One id per agenda item. */
    roundIds?: readonly string[];
  } & Partial<SessionDetails> & { agenda?: readonly RoundDesign[] },
): Decision<{ sessionId: string; joinCode: string }> {
  const floor = belowFloor(input);
  if (floor) return { ok: false, error: floor };
  const agenda = agendaEvents(input.agenda ?? [], input.roundIds ?? [], 0);
  if (!agenda.ok) return agenda;
  return accept(
    [
      {
        type: 'session:created',
        sessionId: input.sessionId,
        title: input.title,
        description: input.description ?? '',
        date: input.date ?? null,
        language: input.language ?? 'nl-BE',
        joinCode: input.joinCode,
        zones: zonesOf(input.zones),
        settings: {
          anonymityThreshold: input.anonymityThreshold,
          weighted: input.weighted,
          releaseEverySeconds: input.releaseEverySeconds,
          releaseMinEntries: input.releaseMinEntries,
          ...(input.plainLanguage ? { plainLanguage: true } : {}),
        },
        ownerAccountId: input.ownerAccountId,
      },
      ...agenda.events,
    ],
    { sessionId: input.sessionId, joinCode: input.joinCode },
  );
}

export function findParticipantByToken(state: SessionState, tokenHash: string): Participant | undefined {
  return participantByToken(state.participants, tokenHash);
}

/** SE1: joining twice with the same token is the same participant (a retried join creates nobody). */
export function joinParticipant(
  state: SessionState,
  input: { participantId: string; tokenHash: string; zoneId: string; municipalityId: string | null; name: string },
): Decision<Participant> {
  const ended = lifecycleRefusal(state, 'participant');
  if (ended) return { ok: false, error: ended };
  const existing = findParticipantByToken(state, input.tokenHash);
  if (existing) return accept([], existing);
  const zone = state.zones.find((z) => z.id === input.zoneId);
  if (!zone) return reject('ZONE_NOT_FOUND', 'unknown zone');
  if (input.municipalityId !== null && !zone.municipalities.some((m) => m.id === input.municipalityId)) {
    return reject('MUNICIPALITY_NOT_FOUND', 'the municipality is not in this zone');
  }
  const participant: Participant = {
    id: input.participantId,
    tokenHash: input.tokenHash,
    zoneId: input.zoneId,
    municipalityId: input.municipalityId,
    name: input.name,
  };
  return accept([{ type: 'participant:joined', participant }], participant);
}

export function createRound(
  state: SessionState,
  input: {
    roundId: string;
    question: string;
    options: readonly string[];
    config: RoundConfig;
    reveal: RevealMode;
    durationSeconds: number | null;
    compareKey?: string | null;
    plain?: RoundPlain | null;
  },
): Decision<{ roundId: string }> {
  const invalid = validateConfig(input.config, input.options.length);
  if (invalid) return { ok: false, error: invalid };
  return accept(
    [
      {
        type: 'round:created',
        roundId: input.roundId,
        question: input.question,
        options: input.options.map((label, i) => ({ id: `o${i + 1}`, label })),
        config: input.config,
        reveal: input.reveal,
        durationSeconds: input.durationSeconds,
        compareKey: input.compareKey ?? null,
        ...plainField(plainOf(input.plain, input.options.length)),
        rerunOf: null,
        position: state.rounds.length,
      },
    ],
    { roundId: input.roundId },
  );
}

function findRound(state: SessionState, roundId: string): Round | undefined {
  return state.rounds.find((r) => r.id === roundId);
}

/**
 * RO3, AN1, AN4: what a round keeps when it closes: its results, breakdowns already suppressed. A
 * pain-point round first releases what still waits (AN8) and keeps its wall, support counts only (AN10).
 */
function closing(state: SessionState, round: Round): DomainEvent[] {
  if (hasWall(round.config)) {
    return [...releaseOnClose(round), { type: 'round:closed', roundId: round.id, results: null }];
  }
  // TX1: a position-text round keeps its documents (in the Yjs store), no results.
  if (round.config.kind === 'position-text') return [{ type: 'round:closed', roundId: round.id, results: null }];
  const results = resultsOfTally({
    config: round.config,
    options: round.options,
    tally: round.tally,
    zones: state.zones,
    settings: state.settings,
    withBreakdown: true,
  });
  // WC6: a word cloud keeps its words (each sent by k or more) and drops the ballots like any round (AN1).
  return [{ type: 'round:closed', roundId: round.id, results: withCloud(state, round, results) }];
}

/**
 * RO1: only a draft round opens. RO2: opening a round closes the round that was open, so phones
 * always have exactly one current round. RO5: a round with a duration starts its timer when it opens.
 */
export function openRound(state: SessionState, input: { roundId: string; now: number }): Decision<Done> {
  const round = findRound(state, input.roundId);
  if (!round) return reject('ROUND_NOT_FOUND', 'unknown round');
  if (round.status !== 'draft') return reject('ROUND_STATE', `a ${round.status} round cannot be opened`);
  const session = openingRoundIn(state);
  if (!session.ok) return session;
  const closesAt = round.durationSeconds === null ? null : input.now + round.durationSeconds * 1000;
  return accept(
    [
      ...session.events,
      ...state.rounds.filter((r) => r.status === 'open').flatMap((r) => closing(state, r)),
      { type: 'round:opened', roundId: round.id, closesAt },
    ],
    {},
  );
}

function whileOpen(
  state: SessionState,
  roundId: string,
  events: (round: Round) => DomainEvent | DomainEvent[] | null,
): Decision<Done> {
  const round = findRound(state, roundId);
  if (!round) return reject('ROUND_NOT_FOUND', 'unknown round');
  if (round.status !== 'open') return reject('ROUND_STATE', `a ${round.status} round cannot change this way`);
  const e = events(round);
  return accept(e === null ? [] : Array.isArray(e) ? e : [e], {});
}

/** RO5: set, extend or cancel an open round's timer; it closes by itself at `closesAt`. */
export function setTimer(
  state: SessionState,
  input: { roundId: string; seconds: number | null; now: number },
): Decision<Done> {
  const closesAt = input.seconds === null ? null : input.now + input.seconds * 1000;
  return whileOpen(state, input.roundId, () => ({ type: 'round:timer-set', roundId: input.roundId, closesAt }));
}

/** RO6: a locked round keeps its ballots but takes no new ones until unlocked. */
export function lockRound(state: SessionState, input: { roundId: string; locked: boolean }): Decision<Done> {
  return whileOpen(state, input.roundId, (round) =>
    round.locked === input.locked ? null : { type: 'round:locked', roundId: round.id, locked: input.locked },
  );
}

/** RO7: results of an opened round can be revealed to phones and projector, and hidden again. */
export function revealRound(state: SessionState, input: { roundId: string; revealed: boolean }): Decision<Done> {
  const round = findRound(state, input.roundId);
  if (!round) return reject('ROUND_NOT_FOUND', 'unknown round');
  if (round.status === 'draft') return reject('ROUND_STATE', 'a draft round has no results');
  if (round.revealed === input.revealed) return accept([], {});
  return accept([{ type: 'round:revealed', roundId: round.id, revealed: input.revealed }], {});
}

/** RO3: only an open round can be closed; closing keeps the results and drops the ballots (AN1). */
export function closeRound(state: SessionState, input: { roundId: string }): Decision<Done> {
  return whileOpen(state, input.roundId, (round) => closing(state, round));
}

/** RO5: every open round whose timer has run out closes. */
export function expireRounds(state: SessionState, now: number): Decision<Done> {
  const due = state.rounds.filter((r) => r.status === 'open' && r.closesAt !== null && r.closesAt <= now);
  return accept(
    due.flatMap((r) => closing(state, r)),
    {},
  );
}

/** The earliest moment an open round's timer runs out, for the server's scheduler. */
export function nextDeadline(state: SessionState): number | null {
  const times = state.rounds.filter((r) => r.status === 'open' && r.closesAt !== null).map((r) => r.closesAt as number);
  return times.length ? Math.min(...times) : null;
}

/** RO8: a closed round can be run again: a draft copy right after it, remembering what it re-runs. */
export function rerunRound(
  state: SessionState,
  input: { roundId: string; newRoundId: string },
): Decision<{ roundId: string }> {
  const index = state.rounds.findIndex((r) => r.id === input.roundId);
  const round = state.rounds[index];
  if (!round) return reject('ROUND_NOT_FOUND', 'unknown round');
  if (round.status !== 'closed') return reject('ROUND_STATE', 'only a closed round can be run again');
  if (round.config.kind === 'position-text') return reject('ROUND_KIND', 'a position text has no votes to ask again');
  // DE7: a re-run asks the same, so it compares across sessions the same way.
  return accept([copiedRound(round, index, input.newRoundId, round.id)], { roundId: input.newRoundId });
}

/**
 * VO1: one ballot per voter per round; casting again replaces it. An unchanged ballot emits nothing.
 * The value names the round only: the server's command log keeps acks, and must not keep votes (AN1).
 */
export function castVote(
  state: SessionState,
  input: { participantId: string; voterKey: string; roundId: string; ballot: Ballot },
): Decision<{ roundId: string }> {
  const participant = participantById(state.participants, input.participantId);
  if (!participant) return reject('NOT_JOINED', 'not a participant of this session');
  const round = findRound(state, input.roundId);
  if (!round) return reject('ROUND_NOT_FOUND', 'unknown round');
  if (round.status !== 'open') return reject('ROUND_NOT_OPEN', 'the round is not open');
  if (round.locked) return reject('ROUND_LOCKED', 'the facilitator has paused this round');
  const invalid = validateBallot(round.config, round.options, input.ballot);
  if (invalid) return { ok: false, error: invalid };
  // WC2-WC4: a word cloud keeps the words the server made of the answers, not the answers.
  const kept = keptBallot(round.config, input.ballot);
  if ('error' in kept) return { ok: false, error: kept.error };
  const value = { roundId: round.id };
  const previous = tableGet(round.ballots, input.voterKey);
  if (previous && JSON.stringify(previous.ballot) === JSON.stringify(kept.ballot)) return accept([], value);
  return accept(
    [
      {
        type: 'vote:cast',
        roundId: round.id,
        voterKey: input.voterKey,
        zoneId: participant.zoneId,
        municipalityId: participant.municipalityId,
        ballot: kept.ballot,
      },
    ],
    value,
  );
}

/**
 * AN16: a phone that comes back after a restart gets its stored ballots (kept without groups) placed in
 * its zone and municipality again, in memory only. `keyOf` gives its voter key in a round (AN11).
 */
export function placeBallots(
  state: SessionState,
  participant: Participant,
  keyOf: (roundId: string) => string,
): DomainEvent[] {
  return state.rounds
    .filter((r) => r.status === 'open')
    .flatMap((r) => {
      const voterKey = keyOf(r.id);
      const cast = tableGet(r.ballots, voterKey);
      if (!cast || cast.zoneId !== UNPLACED) return [];
      const { zoneId, municipalityId } = participant;
      return [{ type: 'ballot:placed' as const, roundId: r.id, voterKey, zoneId, municipalityId }];
    });
}
