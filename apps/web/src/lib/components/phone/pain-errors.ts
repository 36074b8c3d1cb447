import type { ErrorBody, ErrorCode } from '@vrijuit/protocol';
import { errorText } from '$lib/i18n';
import { wallErrorMessages } from '$lib/i18n/named-messages.ts';

/**
 * A refusal of a pain point or an "ik ook", said for this round ("de ronde is gesloten", not "de
 * stemming"); codes without a wall sentence use the general one.
 */
export function painErrorText(error: ErrorBody | ErrorCode | null): string {
  if (error === null) return '';
  const code = typeof error === 'string' ? error : error.code;
  return wallErrorMessages[code]?.() ?? errorText(code);
}
