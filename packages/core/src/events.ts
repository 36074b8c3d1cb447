import type { VoteOption, Zone } from '@vrijuit/protocol';
import type { Participant, ZoneTally } from './state.ts';

/**
 * What happened, as decided by core. The store turns each event into writes; the server's in-memory
 * state evolves by the same events, so both always agree. Events are not kept as a log: a log would
 * keep the order of inputs, which anonymity forbids.
 */
export type DomainEvent =
  | {
      type: 'session:created';
      sessionId: string;
      title: string;
      joinCode: string;
      zones: Zone[];
      facilitatorTokenHash: string;
    }
  | { type: 'participant:joined'; participant: Participant }
  | {
      type: 'round:created';
      roundId: string;
      kind: 'single-choice';
      question: string;
      options: VoteOption[];
      position: number;
    }
  | { type: 'round:opened'; roundId: string; voterSecret: string }
  | { type: 'round:closed'; roundId: string; tally: ZoneTally }
  | { type: 'vote:cast'; roundId: string; voterKey: string; zoneId: string; optionId: string };

export type DomainEventType = DomainEvent['type'];
