import type { Ack } from './errors.ts';
import type { CommandName, CommandRequest, CommandResult } from './commands.ts';
import type { EventName, EventPayload, Events } from './events.ts';

/** socket.io's typed event maps, derived from the command and event tables. */
export type ClientToServerEvents = {
  [N in CommandName]: (request: CommandRequest<N>, ack: (response: Ack<CommandResult<N>>) => void) => void;
};

/** Events marked `ack: true` (`server:stopping`) carry a callback the client calls to acknowledge them. */
export type ServerToClientEvents = {
  [N in EventName]: Events[N] extends { ack: true }
    ? (payload: EventPayload<N>, ack: () => void) => void
    : (payload: EventPayload<N>) => void;
};
