import type { ExportRound } from '@vrijuit/protocol';
import type { ExportLabels } from './i18n/index.ts';
import { bar, fill, plural, text, type Block, type Formats } from './outline-kit.ts';

type CloudRound = Extract<ExportRound, { kind: 'word-cloud' }>;

/**
 * WC9: a word cloud as a table of its words, most sent first, each with how many people sent it and a
 * bar (the cloud's sizes), then what was left out: words under k, and names.
 */
export function wordCloudBlocks(round: CloudRound, k: number, l: ExportLabels, f: Formats): Block[] {
  const c = l.wordCloud;
  if (round.respondents === 0) return [{ type: 'paragraph', text: l.votes.noAnswers }];
  const blocks: Block[] = [{ type: 'paragraph', text: `${plural(l.votes.respondents, round.respondents)}.` }];
  if (round.words.length === 0) blocks.push({ type: 'paragraph', text: c.none });
  else {
    const max = Math.max(...round.words.map((w) => w.count));
    blocks.push({
      type: 'table',
      table: {
        head: [c.word, c.people, l.votes.chart],
        rows: round.words.map((w) => [text(w.word), text(f.number(w.count)), bar(w.count, max)]),
        numeric: [false, true, false],
      },
    });
  }
  blocks.push({ type: 'paragraph', note: true, text: fill(c.note, { k }) });
  return blocks;
}
