import type { DomainEvent } from './events.ts';
import type { SessionState } from './state.ts';

type LifecycleEvent = Extract<DomainEvent, { type: 'session:status-changed' }>;

/** LC1: a session's status is the last one it moved to; nothing else changes with it. */
export function evolveLifecycle(state: SessionState, event: LifecycleEvent): SessionState {
  return { ...state, status: event.status };
}
