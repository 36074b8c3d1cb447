import type { SessionState, Participant } from './state.ts';
import { accept, reject, type Decision } from './result.ts';
import { zoneTallyOf } from './tally.ts';

/** Ids, secrets and hashes are made by the caller and passed in, so core stays pure (no clock, no RNG). */

export function createSession(input: {
  sessionId: string;
  joinCode: string;
  title: string;
  zones: readonly string[];
  facilitatorTokenHash: string;
}): Decision<{ sessionId: string; joinCode: string }> {
  const zones = input.zones.map((name, i) => ({ id: `z${i + 1}`, name }));
  return accept(
    [
      {
        type: 'session:created',
        sessionId: input.sessionId,
        title: input.title,
        joinCode: input.joinCode,
        zones,
        facilitatorTokenHash: input.facilitatorTokenHash,
      },
    ],
    { sessionId: input.sessionId, joinCode: input.joinCode },
  );
}

export function findParticipantByToken(state: SessionState, tokenHash: string): Participant | undefined {
  return Object.values(state.participants).find((p) => p.tokenHash === tokenHash);
}

/** SE1: joining twice with the same token is the same participant (a retried join creates nobody). */
export function joinParticipant(
  state: SessionState,
  input: { participantId: string; tokenHash: string; zoneId: string; name: string },
): Decision<Participant> {
  const existing = findParticipantByToken(state, input.tokenHash);
  if (existing) return accept([], existing);
  if (!state.zones.some((z) => z.id === input.zoneId)) return reject('ZONE_NOT_FOUND', 'unknown zone');
  const participant: Participant = {
    id: input.participantId,
    tokenHash: input.tokenHash,
    zoneId: input.zoneId,
    name: input.name,
  };
  return accept([{ type: 'participant:joined', participant }], participant);
}

export function createRound(
  state: SessionState,
  input: { roundId: string; question: string; options: readonly string[] },
): Decision<{ roundId: string }> {
  return accept(
    [
      {
        type: 'round:created',
        roundId: input.roundId,
        kind: 'single-choice',
        question: input.question,
        options: input.options.map((label, i) => ({ id: `o${i + 1}`, label })),
        position: state.rounds.length,
      },
    ],
    { roundId: input.roundId },
  );
}

/**
 * RO1: only a draft round opens. RO2: opening a round closes the round that was open, so phones
 * always have exactly one current round.
 */
export function openRound(
  state: SessionState,
  input: { roundId: string; voterSecret: string },
): Decision<Record<string, never>> {
  const round = state.rounds.find((r) => r.id === input.roundId);
  if (!round) return reject('ROUND_NOT_FOUND', 'unknown round');
  if (round.status !== 'draft') return reject('ROUND_STATE', `a ${round.status} round cannot be opened`);
  const previouslyOpen = state.rounds.filter((r) => r.status === 'open');
  return accept(
    [
      ...previouslyOpen.map((r) => ({ type: 'round:closed' as const, roundId: r.id, tally: zoneTallyOf(r.ballots) })),
      { type: 'round:opened', roundId: round.id, voterSecret: input.voterSecret },
    ],
    {},
  );
}

/** RO3: closing keeps the aggregate per zone and drops the ballots keyed per voter (AN1). */
export function closeRound(state: SessionState, input: { roundId: string }): Decision<Record<string, never>> {
  const round = state.rounds.find((r) => r.id === input.roundId);
  if (!round) return reject('ROUND_NOT_FOUND', 'unknown round');
  if (round.status !== 'open') return reject('ROUND_STATE', `a ${round.status} round cannot be closed`);
  return accept([{ type: 'round:closed', roundId: round.id, tally: zoneTallyOf(round.ballots) }], {});
}

/**
 * VO1: one ballot per voter per round; casting again replaces it. An unchanged ballot emits nothing.
 * The value names the round only: the server's command log keeps acks, and must not keep votes (AN1).
 */
export function castVote(
  state: SessionState,
  input: { participantId: string; voterKey: string; roundId: string; optionId: string },
): Decision<{ roundId: string }> {
  const participant = state.participants[input.participantId];
  if (!participant) return reject('NOT_JOINED', 'not a participant of this session');
  const round = state.rounds.find((r) => r.id === input.roundId);
  if (!round) return reject('ROUND_NOT_FOUND', 'unknown round');
  if (round.status !== 'open') return reject('ROUND_NOT_OPEN', 'the round is not open');
  if (!round.options.some((o) => o.id === input.optionId)) return reject('OPTION_NOT_FOUND', 'unknown option');
  const value = { roundId: round.id };
  if (round.ballots[input.voterKey]?.optionId === input.optionId) return accept([], value);
  return accept(
    [
      {
        type: 'vote:cast',
        roundId: round.id,
        voterKey: input.voterKey,
        zoneId: participant.zoneId,
        optionId: input.optionId,
      },
    ],
    value,
  );
}
