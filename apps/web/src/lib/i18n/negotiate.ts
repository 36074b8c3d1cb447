import type { SessionLanguage } from '@vrijuit/protocol';
import { baseLocale, cookieName, isLocale, locales, type Locale } from '$lib/paraglide/runtime.js';

/** The language tags of an Accept-Language header, most wanted first (`q=0` means "not this one"). */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.q > 0 && !Number.isNaN(l.q))
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((l) => l.tag);
}

const primary = (tag: string) => tag.toLowerCase().split('-')[0];

/**
 * The first of the wanted tags Vrijuit speaks: the exact tag, else the same language in another region
 * (en-GB gets en, fr-FR and fr get fr-BE, nl-NL gets nl-BE). Undefined when none matches.
 */
export function matchLocale(wanted: readonly string[]): Locale | undefined {
  for (const tag of wanted) {
    const exact = locales.find((l) => l.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const sameLanguage = locales.find((l) => primary(l) === primary(tag));
    if (sameLanguage) return sameLanguage;
  }
  return undefined;
}

/** The interface language for a session's language setting (the protocol says `fr` for fr-BE). */
export function sessionLocale(language: SessionLanguage): Locale {
  return matchLocale([language]) ?? baseLocale;
}

/** The language a participant or facilitator chose, kept in the `vrijuit-lang` cookie (LN3). */
export function chosenLocale(cookieHeader: string | null | undefined): Locale | undefined {
  const value = cookieHeader
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${cookieName}=`))
    ?.slice(cookieName.length + 1);
  return isLocale(value) ? value : undefined;
}

/** A request's language: the one chosen, else the one the browser asks for; undefined means Dutch (LN3). */
export function requestLocale(headers: Headers): Locale | undefined {
  return chosenLocale(headers.get('cookie')) ?? matchLocale(acceptedLanguages(headers.get('accept-language')));
}

/** The session language a new session starts with: the one its facilitator's page speaks. */
export function sessionLanguageOf(locale: Locale): SessionLanguage {
  return locale === 'fr-BE' ? 'fr' : locale;
}
