import type { ErrorCode } from '@vrijuit/protocol';
import { getLocale } from '$lib/paraglide/runtime.js';
import { errorMessages } from './error-messages.ts';

/** A friendly sentence for any error the server can answer with (or TIMEOUT when it did not answer). */
export function errorText(code: ErrorCode | 'TIMEOUT'): string {
  return errorMessages[code]();
}

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const locale = getLocale();
  const key = `${locale} ${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

/** A share as a percentage in the page's language ("42 %" in Dutch and French, "42%" in English). */
export const formatPercent = (fraction: number): string =>
  numberFormat({ style: 'percent', maximumFractionDigits: 0 }).format(fraction);

/** A number in the page's language (a decimal comma in Dutch and French), with at most `digits` decimals. */
export function formatNumber(value: number, digits = 1): string {
  return numberFormat({ maximumFractionDigits: digits }).format(value);
}

/** A change with its sign (+3, −1,5, 0), for before/after shifts. */
export function formatSigned(value: number, digits = 1): string {
  const rounded = Number(value.toFixed(digits));
  if (rounded === 0) return formatNumber(0, digits);
  return `${rounded > 0 ? '+' : '−'}${formatNumber(Math.abs(rounded), digits)}`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** A date in the page's language (5/12/2026 in Dutch, 05/12/2026 in French, 12/5/2026 in English). */
export function formatDate(date: Date): string {
  const locale = getLocale();
  let f = dateFormats.get(locale);
  if (!f) dateFormats.set(locale, (f = new Intl.DateTimeFormat(locale)));
  return f.format(date);
}
