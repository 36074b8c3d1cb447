import type { ErrorCode } from '@vrijuit/protocol';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { nl } from './nl.ts';
import { createTranslator } from './translator.ts';
import type { MessageKey, PartialMessages, PluralKey } from './types.ts';

export type { MessageKey, Messages, Params, PluralKey } from './types.ts';
export { format } from './translator.ts';

/** Languages with a catalogue. Dutch is complete; the others fall back to it key by key. */
export const catalogues = { 'nl-BE': nl, en, fr } satisfies Record<string, PartialMessages>;
export type Locale = keyof typeof catalogues;

/**
 * The one place the language is chosen. Keep app.html's lang in step (i18n.test.ts checks it);
 * a language picker would set this per request and rewrite lang in hooks.server.ts.
 */
export const locale: Locale = 'nl-BE';

/** The phone's strings; the facilitator's pages import `$lib/i18n/facilitator`, which has these too. */
export const { translate, t, tn } = createTranslator<MessageKey, PluralKey, Locale>(catalogues, nl, locale);

/** A friendly sentence for any error the server can answer with (or TIMEOUT when it did not answer). */
export function errorText(code: ErrorCode | 'TIMEOUT'): string {
  return t(`errors.${code}`);
}

const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
export const formatPercent = (fraction: number): string => percentFormat.format(fraction);

const numberFormats = new Map<number, Intl.NumberFormat>();
/** A number the Flemish way (decimal comma), with at most `digits` decimals. */
export function formatNumber(value: number, digits = 1): string {
  let f = numberFormats.get(digits);
  if (!f) numberFormats.set(digits, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
  return f.format(value);
}

/** A change with its sign (+3, −1,5, 0), for before/after shifts. */
export function formatSigned(value: number, digits = 1): string {
  const rounded = Number(value.toFixed(digits));
  if (rounded === 0) return formatNumber(0, digits);
  return `${rounded > 0 ? '+' : '−'}${formatNumber(Math.abs(rounded), digits)}`;
}
