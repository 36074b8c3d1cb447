import type { ExportRound, RoundResults } from '@vrijuit/protocol';

type CloudRound = Extract<ExportRound, { kind: 'word-cloud' }>;

/** WC9: a word cloud in the export: its respondents and words with counts, as the console shows them (WC6). */
export function exportCloud(results: RoundResults | null | undefined): Pick<CloudRound, 'respondents' | 'words'> {
  return {
    respondents: results?.respondents ?? 0,
    words: (results?.words ?? []).map((w) => ({ word: w.word, count: w.count })),
  };
}
