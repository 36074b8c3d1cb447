import type { DesignEvent } from './events.ts';
import { tallyOf } from './results/running-tally.ts';
import type { Round, SessionState } from './state.ts';
import { tableValues } from './table.ts';

/** The session after a design change (DE1-DE6). Never mutates its input. */
export function evolveDesign(state: SessionState, event: DesignEvent): SessionState {
  switch (event.type) {
    case 'session:updated':
      return {
        ...state,
        title: event.title,
        description: event.description,
        date: event.date,
        language: event.language,
        zones: event.zones,
        settings: event.settings,
      };
    case 'round:updated': {
      const { type: _type, roundId, plain, ...design } = event;
      // Only a draft changes (DE3), which holds no ballot; its tally is counted again all the same (SE7).
      // KT2: the plain wording is replaced too: a design without one leaves the round without one.
      const changed = ({ plain: _old, ...r }: Round): Round => ({
        ...r,
        ...design,
        ...(plain ? { plain } : {}),
        tally: tallyOf(design.config, design.options, tableValues(r.ballots)),
      });
      return { ...state, rounds: state.rounds.map((r) => (r.id === roundId ? changed(r) : r)) };
    }
    case 'round:moved': {
      const round = state.rounds.find((r) => r.id === event.roundId);
      if (!round) return state;
      const rounds = state.rounds.filter((r) => r.id !== event.roundId);
      rounds.splice(event.position, 0, round);
      return { ...state, rounds };
    }
    case 'round:deleted':
      return { ...state, rounds: state.rounds.filter((r) => r.id !== event.roundId) };
  }
}

const DESIGN_EVENTS: ReadonlySet<string> = new Set<DesignEvent['type']>([
  'session:updated',
  'round:updated',
  'round:moved',
  'round:deleted',
]);

export function isDesignEvent(event: { type: string }): event is DesignEvent {
  return DESIGN_EVENTS.has(event.type);
}
