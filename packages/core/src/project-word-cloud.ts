import { FLOORS, type RoundResults } from '@vrijuit/protocol';
import type { Round, SessionState } from './state.ts';
import { NO_CLOUD, stemKey } from './running-cloud.ts';
import { tableGet } from './table.ts';

/** One word of the cloud: as shown (its most typed form) and how many participants sent it. */
export interface CloudEntry {
  readonly word: string;
  readonly count: number;
}

/** Accents off, lower case: how municipality names and words are compared (WC5). */
export const foldWord = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** WC5: the words of the session's municipality names (a word of one letter or two is no name to hide). */
export function municipalityWords(state: Pick<SessionState, 'zones'>): Set<string> {
  const words = new Set<string>();
  for (const zone of state.zones) {
    for (const m of zone.municipalities) {
      for (const match of foldWord(m.name).matchAll(/[\p{L}\p{N}]+/gu)) if (match[0].length > 2) words.add(match[0]);
    }
  }
  return words;
}

/**
 * WC6, WC7: the cloud of an open round, from its running counts (`round.cloud`, kept up to date by each
 * ballot: running-cloud.ts), so a view costs the words shown and not every ballot. Each participant
 * counts once per stem, however often they typed it; a stem sent by fewer than k participants is left
 * out, and so is one whose shown form is a word of a municipality's name (WC5: also for names added
 * after the words came). The shown form is the one most participants typed (ties: the first in
 * code-point order). Ordered by count, then word: nothing follows the order the words came in, or who
 * sent which together (WC8).
 */
export function cloudOf(round: Pick<Round, 'cloud'>, k: number, hidden: ReadonlySet<string>): CloudEntry[] {
  const { stems, frequent } = round.cloud ?? NO_CLOUD;
  const floor = Math.max(k, FLOORS.anonymityThreshold);
  const cloud: CloudEntry[] = [];
  for (const stem of Object.keys(frequent)) {
    const counted = tableGet(stems, stemKey(stem));
    if (!counted || counted.count < floor) continue;
    let word = '';
    let most = 0;
    for (const [form, n] of Object.entries(counted.forms))
      if (n > most || (n === most && n > 0 && form < word)) [word, most] = [form, n];
    if (!hidden.has(foldWord(word))) cloud.push({ word, count: counted.count });
  }
  return cloud.sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
}

/**
 * WC6: a word-cloud round's results: the respondents of the tally (which moves in steps of k, AN12) and
 * the cloud; no per-municipality tally and no breakdown (a zone's words would be a small group's words).
 * Other rounds' results are returned as they came.
 */
export function withCloud(state: SessionState, round: Round, results: RoundResults): RoundResults {
  if (round.config.kind !== 'word-cloud') return results;
  const words = cloudOf(round, state.settings.anonymityThreshold, municipalityWords(state));
  return { ...results, perMunicipality: null, breakdown: null, words: words.map((w) => ({ ...w })) };
}
