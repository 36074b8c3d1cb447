import type { Ack } from './errors.ts';
import type { CommandName, CommandRequest, CommandResult } from './commands.ts';
import type { EventName, EventPayload } from './events.ts';

/** socket.io's typed event maps, derived from the command and event tables. */
export type ClientToServerEvents = {
  [N in CommandName]: (request: CommandRequest<N>, ack: (response: Ack<CommandResult<N>>) => void) => void;
};

export type ServerToClientEvents = {
  [N in EventName]: (payload: EventPayload<N>) => void;
};
