import { z } from 'zod';
import { CommandId, SessionId } from './ids.ts';
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
  'inputs:stored': {
    to: 'the socket that sent (or re-sent) the commands',
    description:
      'Anonymous inputs this connection sent, acknowledged as received (`stored: false`), are now stored: with the inputs of at least k participants, or in the results of their closed round (core SPEC AN13, AN14). The phone may drop them from its outbox.',
    payload: z.object({ commandIds: z.array(CommandId).min(1) }),
  },
  'session:deleted': {
    to: 'every phone, console and projector of the session',
    description:
      'The session and all its data were deleted (session:delete). The connection is no longer part of it; screens say the session no longer exists.',
    payload: z.object({ sessionId: SessionId }),
  },
  'door:admitted': {
    to: 'a phone whose join waits at the door (DO4)',
    description:
      'The facilitator let this join in (or opened the door): send the same `participant:join` again, with the same token, to get the view.',
    payload: z.object({ sessionId: SessionId }),
  },
  'door:turned-away': {
    to: 'a phone whose join waited at the door (DO4)',
    description: 'The facilitator turned this join away; the session forgot it. Joining again waits again.',
    payload: z.object({ sessionId: SessionId }),
  },
  'server:stopping': {
    to: 'every connection, when the server stops (SIGTERM or SIGINT, core PR2)',
    description:
      'The server is stopping. Acknowledge it (call the handler’s callback, no arguments) and send nothing more: the server waits for that acknowledgement (at most 2 s) before it closes the connection, so every command sent before it is answered. Commands taken before the notice are committed and acknowledged; a command after it is answered `SERVER_STOPPING` and changes nothing. Then the connection closes; reconnect (socket.io-client does by itself), identify again (`participant:resume`, `facilitator:attach`, `projector:attach`) and send again what is not acknowledged yet.',
    payload: z.object({}),
    ack: true,
  },
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.output<Events[N]['payload']>;
export const eventNames = Object.keys(events) as EventName[];
