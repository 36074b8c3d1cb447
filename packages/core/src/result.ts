import type { ErrorCode } from '@vrijuit/protocol';
import type { DomainEvent } from './events.ts';

export interface DomainError {
  readonly code: ErrorCode;
  readonly message: string;
}

/** What core decided about a command: the events to store and the ack value, or a typed refusal. */
export type Decision<T> =
  | { readonly ok: true; readonly events: readonly DomainEvent[]; readonly value: T }
  | { readonly ok: false; readonly error: DomainError };

export function accept<T>(events: readonly DomainEvent[], value: T): Decision<T> {
  return { ok: true, events, value };
}

export function reject(code: ErrorCode, message: string): Decision<never> {
  return { ok: false, error: { code, message } };
}
