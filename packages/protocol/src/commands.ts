import type { z } from 'zod';
import { designCommands } from './commands-design.ts';
import { doorCommands } from './commands-door.ts';
import { lifecycleCommands } from './commands-lifecycle.ts';
import { painPointCommands } from './commands-pain-points.ts';
import { paperCommands } from './commands-paper.ts';
import { roundCommands } from './commands-round.ts';
import { sessionCommands } from './commands-session.ts';
import { steeringCommands } from './commands-steering.ts';
import { textCommands } from './commands-text.ts';

export { Role } from './command.ts';
export {
  designCommands,
  doorCommands,
  lifecycleCommands,
  painPointCommands,
  paperCommands,
  roundCommands,
  sessionCommands,
  steeringCommands,
  textCommands,
};

/**
 * Every socket.io command: the client emits `name` with the request and an ack callback; the server
 * answers `{ ok: true, value }` (value per `response`) or `{ ok: false, error }`, after the store commit.
 * One file per area; the order here is the order of the docs.
 */
export const commands = {
  ...sessionCommands,
  ...designCommands,
  ...roundCommands,
  ...steeringCommands,
  ...painPointCommands,
  ...textCommands,
  ...lifecycleCommands,
  ...paperCommands,
  ...doorCommands,
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandRequest<N extends CommandName> = z.input<Commands[N]['request']>;
export type CommandInput<N extends CommandName> = z.output<Commands[N]['request']>;
export type CommandResult<N extends CommandName> = z.output<Commands[N]['response']>;
export const commandNames = Object.keys(commands) as CommandName[];

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}
