import type { DoorEvent, DomainEvent } from './events.ts';
import type { SessionState } from './state.ts';
import { tableFromEntries, tableSet, tableValues } from './table.ts';

export const isDoorEvent = (event: DomainEvent): event is DoorEvent => event.type.startsWith('door:');

/** DO1-DO4: the door after an event; never mutates its input. */
export function evolveDoor(state: SessionState, event: DoorEvent): SessionState {
  const door = state.door ?? { closed: false, waiting: {} };
  switch (event.type) {
    case 'door:changed':
      return { ...state, door: { ...door, closed: event.closed } };
    case 'door:waiting':
      return { ...state, door: { ...door, waiting: tableSet(door.waiting, event.join.tokenHash, event.join) } };
    case 'door:cleared': {
      const gone = new Set(event.tokenHashes);
      const waiting = tableFromEntries(
        tableValues(door.waiting)
          .filter((j) => !gone.has(j.tokenHash))
          .map((j) => [j.tokenHash, j] as const),
      );
      return { ...state, door: { ...door, waiting } };
    }
  }
}
