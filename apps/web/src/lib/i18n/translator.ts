import type { Params } from './types.ts';

/** Fills `{name}` placeholders; an unknown placeholder stays visible so a translator notices it. */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

function lookup(tree: unknown, path: readonly string[]): string | undefined {
  let node: unknown = tree;
  for (const part of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * t() and friends over a set of catalogues, falling back to `reference` (Dutch) key by key. Built
 * twice: for the phone's strings (index.ts) and for the facilitator's (facilitator.ts), each typed
 * with the keys it has.
 */
export function createTranslator<Key extends string, PluralKey extends string, Lang extends string>(
  catalogues: Record<Lang, unknown>,
  reference: unknown,
  locale: Lang,
) {
  function translate(lang: Lang, key: Key, params?: Params): string {
    const path = key.split('.');
    const text = lookup(catalogues[lang], path) ?? lookup(reference, path) ?? key;
    return format(text, params);
  }
  const plurals = new Intl.PluralRules(locale);
  return {
    translate,
    /** The translated text for a key in the chosen locale. */
    t: (key: Key, params?: Params): string => translate(locale, key, params),
    /** The `one` or `other` form of a counted message, with `{n}` filled in. */
    tn: (key: PluralKey, n: number, params?: Params): string =>
      translate(locale, `${key}.${plurals.select(n) === 'one' ? 'one' : 'other'}` as Key, { n, ...params }),
  };
}
