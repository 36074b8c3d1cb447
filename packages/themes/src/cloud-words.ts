import { FIRST_NAMES } from './first-names.ts';
import { fold, stemOf, type ThemeLanguage } from './words.ts';

/** WC3: a word of a participant's answers that the cloud may count: its stem and the form it shows. */
export interface CloudWordOf {
  /** Snowball stem, lower case, accents folded: words that share it are one word of the cloud. */
  stem: string;
  /** The word as typed, lower case (an acronym keeps its capitals). */
  form: string;
}

const LONGEST = 40;

/** A short word in capitals only (NMBS, OCMW, OV): an acronym, not a name; a longer one is a shout, or a name. */
const isAcronym = (token: string) =>
  token.length >= 2 && token.length <= 5 && token === token.toUpperCase() && /\p{Lu}/u.test(token);
const isCapitalised = (token: string) => /^\p{Lu}/u.test(token);

/**
 * WC3: the stem, stemmed again until it stays the same (at most three times). Snowball's Dutch stemmer
 * takes one ending per pass: "fietsen" gives "fiets", "fiets" gives "fiet"; a second pass brings a plural
 * and its singular together (fiets, fietsen; bus, bussen; parkeerplaats, parkeerplaatsen).
 */
function stableStem(lower: string, language: ThemeLanguage): string | null {
  let stem = stemOf(lower, language);
  for (let pass = 0; stem !== null && pass < 2; pass++) {
    const again = stemOf(stem, language) ?? stem;
    if (again === stem) break;
    stem = again;
  }
  return stem;
}

/**
 * WC3, WC5: the words of a participant's answers (one to three short texts) that a word cloud may count,
 * in the session's language, each stem once (a participant counts once per word however often it is
 * typed), at most `max` of them. Left out, so they are never counted, stored or shown:
 * - stop words, and words whose stem is shorter than two letters (stems: `stableStem`);
 * - a word of a municipality's name (`hidden`: lower case, accents folded);
 * - a first name of the built-in list (`FIRST_NAMES`), in any case and at any place;
 * - a capitalised word (or one in capitals) other than an answer's first word: in Dutch and French only
 *   names (and places) are capitalised inside a sentence, and an answer of a few words is one sentence
 *   (a second sentence's first word is withheld too: better a word lost than a name shown). An acronym
 *   of two to five capitals (NMBS, OCMW) is kept.
 */
export function cloudWordsOf(
  answers: readonly string[],
  language: ThemeLanguage,
  hidden: ReadonlySet<string>,
  max: number,
): CloudWordOf[] {
  const words: CloudWordOf[] = [];
  const seen = new Set<string>();
  for (const answer of answers) {
    let first = true;
    for (const match of answer.matchAll(/[\p{L}\p{N}]+/gu)) {
      const token = match[0];
      const starts = first;
      first = false;
      const lower = token.toLowerCase();
      const folded = fold(lower);
      if (token.length > LONGEST || hidden.has(folded) || FIRST_NAMES.has(folded)) continue;
      const acronym = isAcronym(token);
      if (!acronym && !starts && isCapitalised(token)) continue;
      const stem = stableStem(lower, language);
      if (stem === null || stem.length < 2 || seen.has(stem)) continue;
      seen.add(stem);
      words.push({ stem, form: acronym ? token : lower });
      if (words.length >= max) return words;
    }
  }
  return words;
}
