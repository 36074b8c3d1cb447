import { z } from 'zod';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from './constants.ts';

const idPattern = /^[A-Za-z0-9_-]{8,64}$/;

export const SessionId = z.string().regex(idPattern, 'invalid session id');
export type SessionId = z.infer<typeof SessionId>;

export const RoundId = z.string().regex(idPattern, 'invalid round id');
export type RoundId = z.infer<typeof RoundId>;

/** A pain point's id: random, never time-ordered (AN7). */
export const PointId = z.string().regex(idPattern, 'invalid pain point id');
export type PointId = z.infer<typeof PointId>;

/** Short label ids chosen by the facilitator's UI for zones and options; unique within their list. */
export const LocalId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'invalid id');
export type LocalId = z.infer<typeof LocalId>;

/** A text's Yjs document name within its session (`textDocName`), as the Yjs endpoint's path carries it. */
export const DocName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid document name');
export type DocName = z.infer<typeof DocName>;

/** A client-generated id for one command; a retry reuses it so the command takes effect once. */
export const CommandId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'invalid command id');
export type CommandId = z.infer<typeof CommandId>;

/** Join codes are typed by people: accept lower case, spaces and dashes, normalise to the alphabet. */
export const JoinCode = z
  .string()
  .max(20)
  .transform((raw) => raw.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(
    z
      .string()
      .length(JOIN_CODE_LENGTH, 'a join code has 6 characters')
      .regex(new RegExp(`^[${JOIN_CODE_ALPHABET}]+$`), 'invalid join code'),
  );
export type JoinCode = z.output<typeof JoinCode>;

/** Bearer secrets (participant and facilitator tokens): at least 128 bits, base64url. */
export const Token = z.string().regex(/^[A-Za-z0-9_-]{22,128}$/, 'invalid token');
export type Token = z.infer<typeof Token>;
