import { describe, expect, it } from 'vitest';
import { acceptedLanguages, chosenLocale, matchLocale, requestLocale, sessionLocale } from './negotiate.ts';

const pick = (header: string) => matchLocale(acceptedLanguages(header));

describe('choosing a language', () => {
  it('LN3: takes the most wanted language Vrijuit speaks, matched on the language alone', () => {
    expect(pick('en-GB,en;q=0.9')).toBe('en');
    expect(pick('fr-BE,fr;q=0.9,nl;q=0.8')).toBe('fr-BE');
    expect(pick('fr-FR')).toBe('fr-BE');
    expect(pick('nl-NL,nl;q=0.9')).toBe('nl-BE');
    expect(pick('de-DE,de;q=0.9,fr;q=0.5,en;q=0.7')).toBe('en');
    expect(pick('EN-us')).toBe('en');
  });

  it('LN3: finds nothing for languages Vrijuit does not speak, or refused ones', () => {
    expect(pick('de-DE,de;q=0.9')).toBeUndefined();
    expect(pick('')).toBeUndefined();
    expect(pick('*')).toBeUndefined();
    expect(pick('fr;q=0, de')).toBeUndefined();
    expect(acceptedLanguages(null)).toEqual([]);
    expect(acceptedLanguages('nl;q=0.5, en;q=0.5, fr')).toEqual(['fr', 'nl', 'en']);
  });

  it('LN3: maps a session’s language setting to the interface language', () => {
    expect(sessionLocale('nl-BE')).toBe('nl-BE');
    expect(sessionLocale('fr')).toBe('fr-BE');
    expect(sessionLocale('en')).toBe('en');
  });

  it('LN3: puts a language chosen in the cookie before the one the browser asks for', () => {
    const request = (cookie: string, accept: string) => new Headers({ cookie, 'accept-language': accept });
    expect(requestLocale(request('a=1; vrijuit-lang=fr-BE', 'en-GB'))).toBe('fr-BE');
    expect(requestLocale(request('vrijuit-lang=de', 'en-GB'))).toBe('en');
    expect(requestLocale(request('', 'de'))).toBeUndefined();
    expect(chosenLocale('x=vrijuit-lang=en')).toBeUndefined();
    expect(chosenLocale(undefined)).toBeUndefined();
  });
});
