import type { ErrorCode } from '@vrijuit/protocol';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { nl } from './nl.ts';
import type { MessageKey, Params, PartialMessages } from './types.ts';

export type { MessageKey, Messages, Params } from './types.ts';

/** Languages with a catalogue. Dutch is complete; the others fall back to it key by key. */
export const catalogues = { 'nl-BE': nl, en, fr } satisfies Record<string, PartialMessages>;
export type Locale = keyof typeof catalogues;

/**
 * The one place the language is chosen. Keep app.html's lang in step (i18n.test.ts checks it);
 * a language picker would set this per request and rewrite lang in hooks.server.ts.
 */
export const locale: Locale = 'nl-BE';

function lookup(tree: unknown, path: readonly string[]): string | undefined {
  let node: unknown = tree;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Fills `{name}` placeholders; an unknown placeholder stays visible so a translator notices it. */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The translated text for a key, in `lang` (default: the chosen locale), falling back to Dutch. */
export function translate(lang: Locale, key: MessageKey, params?: Params): string {
  const path = key.split('.');
  const text = lookup(catalogues[lang], path) ?? lookup(nl, path) ?? key;
  return format(text, params);
}

export function t(key: MessageKey, params?: Params): string {
  return translate(locale, key, params);
}

/** A friendly sentence for any error the server can answer with (or TIMEOUT when it did not answer). */
export function errorText(code: ErrorCode | 'TIMEOUT'): string {
  return t(`errors.${code}`);
}

const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
export const formatPercent = (fraction: number): string => percentFormat.format(fraction);
