import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';

/** The languages a session runs in (protocol `SessionLanguage`), each with its Snowball stemmer. */
export type ThemeLanguage = 'nl-BE' | 'fr' | 'en';

const STEMMERS: Record<ThemeLanguage, (word: string) => string> = { 'nl-BE': dutch, fr: french, en: english };

/**
 * Words that say nothing about a theme: function words, and the words every pain point uses ("te
 * weinig", "no", "trop"). Kept short on purpose: rare words weigh more anyway (inverse document
 * frequency, SU3).
 */
const STOPWORDS: Record<ThemeLanguage, ReadonlySet<string>> = {
  'nl-BE': new Set(
    (
      'de het een en of in op aan van voor met naar bij uit door over om tot als dan dat die dit deze er ' +
      'is zijn was waren wordt worden werd kan kunnen moet moeten mag heeft hebben had niet geen wel ook ' +
      'nog al toe zo veel weinig meer minder te heel erg zeer ze zij hij je jij we wij ik hun hen men ' +
      'ons onze wie wat waar hoe iets niets niks iemand niemand alle elke ieder sinds tussen tegen ' +
      'zonder na enkel alleen maar dus want omdat mensen probleem problemen vaak nooit altijd'
    ).split(' '),
  ),
  fr: new Set(
    (
      'le la les un une des du de d l et ou en au aux dans sur sous par pour avec sans ne pas plus moins ' +
      'trop peu très est sont était être a ont avoir fait faire il elle ils elles on nous vous je tu ce ' +
      'cette ces qui que quoi dont où se sa son ses leur leurs y aussi mais donc car si tout tous toutes ' +
      'personnes gens problème problèmes jamais toujours souvent'
    ).split(' '),
  ),
  en: new Set(
    (
      'the a an and or in on at of for with to from by about as than that this these those there is are ' +
      'was were be been being can could must should has have had not no nor too so very much many more ' +
      'less few they them their he she it its we our you i who what where how any all every some since ' +
      'without only but because people problem problems often never always enough lack'
    ).split(' '),
  ),
};

export const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');

/** A word of an entry: its stem (accents folded, lower case) and the word as typed. */
export interface Word {
  stem: string;
  surface: string;
  /** The word as typed, lower case, accents folded. */
  folded: string;
}

/**
 * SU3: the content words of a text, stemmed in the session's language. Letters and digits only, lower
 * case; stop words and stems shorter than three letters are dropped.
 */
export function wordsOf(text: string, language: ThemeLanguage): Word[] {
  const words: Word[] = [];
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const surface = match[0];
    const stemmed = stemOf(surface, language);
    if (stemmed === null || stemmed.length < 3) continue;
    words.push({ stem: stemmed, surface, folded: fold(surface) });
  }
  return words;
}

/** A lower-case word's stem in `language` (accents folded), or null for a stop word. */
export function stemOf(lower: string, language: ThemeLanguage): string | null {
  const stop = STOPWORDS[language];
  if (stop.has(lower) || stop.has(fold(lower))) return null;
  return fold(STEMMERS[language](lower));
}
