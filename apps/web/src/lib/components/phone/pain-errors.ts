import type { ErrorBody, ErrorCode } from '@vrijuit/protocol';
import { errorText, t } from '$lib/i18n/round';
import { nlWall } from '$lib/i18n/nl-wall.ts';

type WallErrorCode = keyof typeof nlWall.wall.errors;

/**
 * A refusal of a pain point or an "ik ook", said for this round ("de ronde is gesloten", not "de
 * stemming"); codes without a wall sentence use the general one.
 */
export function painErrorText(error: ErrorBody | ErrorCode | null): string {
  if (error === null) return '';
  const code = typeof error === 'string' ? error : error.code;
  return Object.hasOwn(nlWall.wall.errors, code) ? t(`wall.errors.${code as WallErrorCode}`) : errorText(code);
}
