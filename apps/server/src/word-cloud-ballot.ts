import { municipalityWords, type SessionState } from '@vrijuit/core';
import { LIMITS, type Ballot } from '@vrijuit/protocol';

/**
 * WC3: what core gets for a ballot. A word cloud's answers get the words the cloud may count, made here
 * with the session's Snowball stemmer (`@vrijuit/themes`, loaded on first use like the suggested themes,
 * so the stemmers stay off core and off the phone's bundle), names left out (WC5); whatever words a
 * phone sent itself are replaced. Core keeps only those words (WC4).
 */
export async function cloudBallot(
  ballot: Extract<Ballot, { kind: 'word-cloud' }>,
): Promise<(state: SessionState) => Ballot> {
  const { cloudWordsOf } = await import('@vrijuit/themes');
  return (state) => ({
    kind: 'word-cloud',
    answers: ballot.answers,
    words: cloudWordsOf(ballot.answers, state.language, municipalityWords(state), LIMITS.wordCloudWords),
  });
}
