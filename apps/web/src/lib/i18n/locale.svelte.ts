import type { SessionLanguage } from '@vrijuit/protocol';
import {
  baseLocale,
  cookieMaxAge,
  cookieName,
  getLocale,
  isLocale,
  locales,
  overwriteGetLocale,
  type Locale,
} from '$lib/paraglide/runtime.js';
import { chosenLocale, matchLocale, sessionLocale } from './negotiate.ts';

export { locales, type Locale };

/** Each language by its own name, so anyone finds theirs whatever the page speaks now. */
export const localeNames: Record<Locale, string> = { 'nl-BE': 'Nederlands', 'fr-BE': 'Français', en: 'English' };

/** Each language's short code, shown beside the globe where a phone has no room for its name (A11Y5). */
export const localeCodes: Record<Locale, string> = { 'nl-BE': 'NL', 'fr-BE': 'FR', en: 'EN' };

/** The page's language now: the request's on the server, reactive in the browser. */
export const pageLocale = (): Locale => getLocale();

/**
 * The page's language in the browser. The server rendered the page in the language it negotiated and
 * wrote it on <html lang>; the page starts from there, so hydration matches. Every message and number
 * reads it through getLocale(), so a change re-renders what depends on it, with no reload.
 */
let current = $state<Locale>(baseLocale);

/** Called once before the app hydrates (hooks.client.ts). */
export function startLocale(): void {
  const lang = document.documentElement.lang;
  current = isLocale(lang) ? lang : baseLocale;
  overwriteGetLocale(() => current);
}

function show(locale: Locale): void {
  current = locale;
  document.documentElement.lang = locale;
}

/** The participant or facilitator picked a language: kept in a cookie for every later page. */
export function chooseLocale(locale: Locale): void {
  show(locale);
  document.cookie = `${cookieName}=${locale}; path=/; max-age=${cookieMaxAge}; samesite=lax`;
}

/**
 * A phone shows the language it asks for when Vrijuit has it, else the session's: once the session's
 * language is known, a phone that chose nothing and asks for none of ours switches to it.
 */
export function phoneFollowsSession(language: SessionLanguage): void {
  if (chosenLocale(document.cookie) !== undefined || matchLocale(navigator.languages) !== undefined) return;
  show(sessionLocale(language));
}

/** The projector speaks the session's language, whatever the browser it runs in asks for. */
export function projectorFollowsSession(language: SessionLanguage): void {
  show(sessionLocale(language));
}
