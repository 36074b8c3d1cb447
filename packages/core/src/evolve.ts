import type { DomainEvent } from './events.ts';
import type { Round, SessionState } from './state.ts';

function mapRound(state: SessionState, roundId: string, change: (round: Round) => Round): SessionState {
  return { ...state, rounds: state.rounds.map((r) => (r.id === roundId ? change(r) : r)) };
}

/** The session as it is after `event`. Never mutates its input. */
export function evolve(state: SessionState | null, event: DomainEvent): SessionState {
  if (event.type === 'session:created') {
    return {
      id: event.sessionId,
      title: event.title,
      joinCode: event.joinCode,
      zones: event.zones,
      facilitatorTokenHash: event.facilitatorTokenHash,
      participants: {},
      rounds: [],
      currentRoundId: null,
    };
  }
  if (!state) throw new Error(`event ${event.type} before session:created`);
  switch (event.type) {
    case 'participant:joined':
      return { ...state, participants: { ...state.participants, [event.participant.id]: event.participant } };
    case 'round:created': {
      const round: Round = {
        id: event.roundId,
        kind: event.kind,
        question: event.question,
        options: event.options,
        status: 'draft',
        voterSecret: null,
        ballots: {},
        closedTally: null,
      };
      const rounds = [...state.rounds];
      rounds.splice(event.position, 0, round);
      return { ...state, rounds };
    }
    case 'round:opened':
      return {
        ...mapRound(state, event.roundId, (r) => ({ ...r, status: 'open', voterSecret: event.voterSecret })),
        currentRoundId: event.roundId,
      };
    case 'round:closed':
      return mapRound(state, event.roundId, (r) => ({
        ...r,
        status: 'closed',
        voterSecret: null,
        ballots: {},
        closedTally: event.tally,
      }));
    case 'vote:cast':
      return mapRound(state, event.roundId, (r) => ({
        ...r,
        ballots: { ...r.ballots, [event.voterKey]: { zoneId: event.zoneId, optionId: event.optionId } },
      }));
  }
}

export function evolveAll(state: SessionState | null, events: readonly DomainEvent[]): SessionState | null {
  return events.reduce<SessionState | null>((s, e) => evolve(s, e), state);
}
