import { PROTOCOL_VERSION } from '@vrijuit/protocol';
import type { FacilitatorView, ParticipantSelf, ParticipantView, RoundPublic, SessionInfo } from '@vrijuit/protocol';
import type { Participant, Round, SessionState } from './state.ts';
import { tallyOf } from './tally.ts';

/**
 * The one projection: everything that leaves the server is built here, per viewer. Phones never get
 * tallies (reveal comes with the voting engine) nor anything about other people; consoles get counts,
 * never ballots or voter keys (AN2).
 */

export function sessionInfo(state: SessionState): SessionInfo {
  return { sessionId: state.id, title: state.title, zones: state.zones.map((z) => ({ ...z })) };
}

function roundPublic(round: Round): RoundPublic {
  return {
    id: round.id,
    kind: round.kind,
    question: round.question,
    options: round.options.map((o) => ({ ...o })),
    status: round.status,
  };
}

export function currentRound(state: SessionState): Round | undefined {
  return state.rounds.find((r) => r.id === state.currentRoundId);
}

export function participantView(state: SessionState): ParticipantView {
  const round = currentRound(state);
  return {
    protocolVersion: PROTOCOL_VERSION,
    session: sessionInfo(state),
    round: round ? roundPublic(round) : null,
  };
}

/** `voterKey` is the participant's key in the current round, or null when that round has none. */
export function participantSelf(
  state: SessionState,
  participant: Participant,
  voterKey: string | null,
): ParticipantSelf {
  const round = currentRound(state);
  const choice = round && voterKey ? (round.ballots[voterKey]?.optionId ?? null) : null;
  return { zoneId: participant.zoneId, name: participant.name, choice };
}

export function facilitatorView(state: SessionState, online: number): FacilitatorView {
  const joinedByZone: Record<string, number> = Object.fromEntries(state.zones.map((z) => [z.id, 0]));
  for (const p of Object.values(state.participants)) joinedByZone[p.zoneId] = (joinedByZone[p.zoneId] ?? 0) + 1;
  return {
    protocolVersion: PROTOCOL_VERSION,
    session: { ...sessionInfo(state), joinCode: state.joinCode },
    attendance: { joined: Object.keys(state.participants).length, online, joinedByZone },
    rounds: state.rounds.map((r) => ({ ...roundPublic(r), tally: tallyOf(r) })),
    currentRoundId: state.currentRoundId,
  };
}
