import type { ExportRound } from '@vrijuit/protocol';
import type { ExportLabels } from './i18n/index.ts';
import { fill, plural, text, type Block, type Formats } from './outline-kit.ts';
import { moderationBlocks, moderationWords } from './outline-moderation.ts';

type QuestionRound = Extract<ExportRound, { kind: 'questions' }>;

/**
 * QA5: a question round: its questions, most votes first, each with its votes and whether it was answered,
 * and how many came on paper (QA7); then (QA6) its moderation log, as a pain-point wall's, also when every
 * question was hidden.
 */
export function questionBlocks(round: QuestionRound, l: ExportLabels, f: Formats): Block[] {
  const q = l.questions;
  const log = moderationBlocks(round.moderation, moderationWords('questions', l), l, f);
  if (round.questions.length === 0) return [{ type: 'paragraph', text: q.none }, ...log];
  // QA7: a sentence of its own, not "(waarvan 3 op papier)": the paper count includes hidden and merged
  // questions, so it can be larger than the questions listed.
  const paper = round.paper > 0 ? ` ${plural(q.paper, round.paper)}` : '';
  return [
    { type: 'paragraph', text: `${plural(q.count, round.questions.length)}.${paper}` },
    {
      type: 'table',
      table: {
        head: [q.question, q.votes, q.answered],
        rows: round.questions.map((x) => [
          text(x.merged.length ? `${x.text} (${fill(q.also, { texts: x.merged.join('; ') })})` : x.text),
          text(f.number(x.votes)),
          text(x.answered ? q.yes : q.no),
        ]),
        numeric: [false, true, false],
      },
    },
    { type: 'paragraph', note: true, text: q.order },
    ...log,
  ];
}
