import type { Ballot, RoundConfig } from '@vrijuit/protocol';
import type { DomainError } from './result.ts';

/**
 * WC2-WC4: a phone's word-cloud ballot as it is kept. The phone sends one to `config.answers` short
 * answers; the server adds the words it may count (`words`, WC3: made outside core, with the session's
 * stemmer, as a voter key is, AN11); what is kept is those words only, never the answers as typed (WC4).
 * Any other ballot is returned as it came.
 */
export function keptBallot(config: RoundConfig, ballot: Ballot): { ballot: Ballot } | { error: DomainError } {
  if (ballot.kind !== 'word-cloud' || config.kind !== 'word-cloud') return { ballot };
  if (ballot.answers.length === 0) {
    return { error: { code: 'EMPTY_BALLOT', message: 'a word cloud takes at least one answer' } };
  }
  if (ballot.answers.length > config.answers) {
    return {
      error: { code: 'CHOICE_COUNT', message: `at most ${config.answers} answers, not ${ballot.answers.length}` },
    };
  }
  const seen = new Set<string>();
  const words = ballot.words.filter((w) => !seen.has(w.stem) && seen.add(w.stem));
  return { ballot: { kind: 'word-cloud', answers: [], words } };
}
