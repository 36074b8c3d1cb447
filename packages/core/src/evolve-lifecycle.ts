import type { DomainEvent } from './events.ts';
import type { SessionState } from './state.ts';

type LifecycleEvent = Extract<DomainEvent, { type: 'session:status-changed' | 'session:results-page-set' }>;

/** LC1: a session's status is the last one it moved to; RP2, RP3: the results page's settings, whole. */
export function evolveLifecycle(state: SessionState, event: LifecycleEvent): SessionState {
  if (event.type === 'session:results-page-set') return { ...state, resultsPage: { ...event.resultsPage } };
  return { ...state, status: event.status };
}
