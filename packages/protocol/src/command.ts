import { z } from 'zod';

/**
 * Who may send a command. The server checks it per message; it is listed here for the docs.
 * `account`: a signed-in facilitator account (sign-in cookie), no session needed yet.
 */
export const Role = z.enum(['anyone', 'participant', 'facilitator', 'account']);
export type Role = z.infer<typeof Role>;

export interface CommandDef<Req extends z.ZodType, Res extends z.ZodType> {
  request: Req;
  response: Res;
  by: Role;
  description: string;
}

/** One command's definition; a function only so TypeScript keeps each request's exact schema type. */
export function command<Req extends z.ZodType, Res extends z.ZodType>(def: CommandDef<Req, Res>) {
  return def;
}

export const Empty = z.object({});

/**
 * AN14: an anonymous input's ack says whether it is stored yet (`true`), or received and waiting to be
 * stored with the inputs of other participants (`false`; `inputs:stored` follows).
 */
export const Stored = z.boolean();

/**
 * TX6: closing a position-text round whose plenary text is empty while zone drafts hold text is refused
 * (`TEXT_EMPTY`) unless the facilitator confirmed it with `true`.
 */
export const CloseEmptyText = z.boolean().optional();
