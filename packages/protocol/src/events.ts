import type { z } from 'zod';
import { FacilitatorView, ParticipantView, ProjectorView } from './session.ts';

/** Every event the server pushes without being asked. */
export const events = {
  'participant:view': {
    to: 'every phone in the session',
    description: 'The shared participant view, after every change that phones can see.',
    payload: ParticipantView,
  },
  'facilitator:view': {
    to: 'the session’s consoles',
    description: 'The facilitator view with live tallies and attendance, after every change.',
    payload: FacilitatorView,
  },
  'projector:view': {
    to: 'the session’s projector screens',
    description: 'The projector view: join code, current round, live counts, results once revealed.',
    payload: ProjectorView,
  },
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.output<Events[N]['payload']>;
export const eventNames = Object.keys(events) as EventName[];
