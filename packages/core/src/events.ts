import type { RevealMode, RoundConfig, RoundResults, VoteOption, Zone } from '@vrijuit/protocol';
import type { CastBallot } from './results/index.ts';
import type { Participant, SessionSettings } from './state.ts';

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
      settings: SessionSettings;
      facilitatorTokenHash: string;
    }
  | { type: 'participant:joined'; participant: Participant }
  | {
      type: 'round:created';
      roundId: string;
      question: string;
      options: VoteOption[];
      config: RoundConfig;
      reveal: RevealMode;
      durationSeconds: number | null;
      rerunOf: string | null;
      /** Index in the agenda; later rounds move down one. */
      position: number;
    }
  | { type: 'round:opened'; roundId: string; voterSecret: string; closesAt: number | null }
  | { type: 'round:timer-set'; roundId: string; closesAt: number | null }
  | { type: 'round:locked'; roundId: string; locked: boolean }
  | { type: 'round:revealed'; roundId: string; revealed: boolean }
  | { type: 'round:closed'; roundId: string; results: RoundResults }
  | ({ type: 'vote:cast'; roundId: string; voterKey: string } & CastBallot);

export type DomainEventType = DomainEvent['type'];
