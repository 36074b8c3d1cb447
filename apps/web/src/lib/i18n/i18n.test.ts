import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@vrijuit/protocol';
import { m } from '$lib/paraglide/messages.js';
import { locales } from '$lib/paraglide/runtime.js';
import { errorText, formatNumber, formatPercent, formatSigned } from './index.ts';
import { errorMessages } from './error-messages.ts';

type Tree = { [key: string]: string | Tree | PluralMessage[] };
type PluralMessage = { declarations: string[]; selectors: string[]; match: Record<string, string> };

const catalogue = (locale: string): Tree =>
  JSON.parse(readFileSync(new URL(`../../../messages/${locale}.json`, import.meta.url), 'utf8')) as Tree;

/** Every message as [dotted key, its texts]: one text, or the texts of each plural form. */
function messages(tree: Tree, prefix = ''): [string, Record<string, string>][] {
  return Object.entries(tree).flatMap(([key, value]): [string, Record<string, string>][] => {
    if (key === '$schema') return [];
    if (typeof value === 'string') return [[prefix + key, { text: value }]];
    if (Array.isArray(value)) return [[prefix + key, value[0]!.match]];
    return messages(value, `${prefix}${key}.`);
  });
}
const holes = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!);
/** The placeholders a message uses in all its forms; a plural form may say "un seul" instead of `{n}`. */
const placeholders = (texts: Record<string, string>) =>
  [...new Set(Object.values(texts).flatMap(holes))].filter((hole) => !('nPlural=one' in texts && hole === 'n')).sort();

describe('languages', () => {
  const dutch = messages(catalogue('nl-BE'));

  it('LN1: has every Dutch message in French and English, with the same placeholders and plural forms', () => {
    expect(dutch.length).toBeGreaterThan(900);
    for (const locale of ['fr-BE', 'en']) {
      const other = new Map(messages(catalogue(locale)));
      expect(
        [...other.keys()].filter((key) => !dutch.some(([k]) => k === key)),
        `${locale}: keys Dutch lacks`,
      ).toEqual([]);
      for (const [key, texts] of dutch) {
        const translated = other.get(key);
        expect(translated, `${locale} lacks ${key}`).toBeDefined();
        expect(placeholders(translated!), `${locale} ${key}`).toEqual(placeholders(texts));
        expect(Object.keys(translated!), `${locale} ${key}: plural forms`).toEqual(Object.keys(texts));
        for (const text of Object.values(translated!)) expect(text.trim(), `${locale} ${key}`).not.toBe('');
      }
    }
  });

  it('LN1: has a sentence for every protocol error code in every language', () => {
    for (const code of [...ErrorCode.options, 'TIMEOUT' as const]) {
      expect(errorText(code)).toBe(errorMessages[code]());
      for (const locale of locales) expect(m[`errors.${code}`]({}, { locale })).not.toMatch(/^errors\./);
    }
  });

  it('LN1: speaks the page’s language, Dutch by default', () => {
    expect(m['vote.send']()).toBe('Versturen');
    expect(m['vote.send']({}, { locale: 'fr-BE' })).toBe('Envoyer');
    expect(m['vote.send']({}, { locale: 'en' })).toBe('Send');
    expect(m['console.roundNumber']({ n: 3 })).toBe('Stemming 3');
  });

  it('PH5/LN4: picks the plural form of each language', () => {
    expect(m['ballot.dotsLeft']({ n: 1 })).toBe('Nog 1 punt');
    expect(m['ballot.dotsLeft']({ n: 3 })).toBe('Nog 3 punten');
    expect(m['ballot.dotsLeft']({ n: 0 })).toBe('Nog 0 punten');
    expect(m['account.sessions.participants']({ n: 1 })).toBe('1 deelnemer');
    expect(m['account.sessions.participants']({ n: 0 })).toBe('0 deelnemers');
    expect(m['account.sessions.rounds']({ n: 1 })).toBe('1 ronde');
    expect(m['design.templateRounds']({ n: 1 })).toBe('1 vraag');
    expect(m['door.expected']({ n: 1 })).toBe('Verwacht: 1 deelnemer.');
    // French counts 0 as singular; English does not.
    expect(m['account.sessions.participants']({ n: 0 }, { locale: 'fr-BE' })).toBe('0 participant');
    expect(m['account.sessions.participants']({ n: 2 }, { locale: 'fr-BE' })).toBe('2 participants');
    expect(m['account.sessions.participants']({ n: 0 }, { locale: 'en' })).toBe('0 participants');
    expect(m['account.sessions.participants']({ n: 1 }, { locale: 'en' })).toBe('1 participant');
  });

  it('LN4: writes numbers and shifts the Flemish way by default', () => {
    expect(formatNumber(1.25, 1)).toBe('1,3');
    expect(formatPercent(0.42)).toMatch(/^42\s?%$/);
    expect(formatSigned(12)).toBe('+12');
    expect(formatSigned(-1.54)).toBe('−1,5');
    expect(formatSigned(0.01)).toBe('0');
  });

  it('LN3: leaves the page’s lang to the server, which writes the negotiated language', () => {
    const html = readFileSync(new URL('../../app.html', import.meta.url), 'utf8');
    expect(html).toContain('<html lang="%lang%">');
    const hooks = readFileSync(new URL('../../hooks.server.ts', import.meta.url), 'utf8');
    expect(hooks).toContain("html.replace('%lang%', locale)");
  });
});
