import type { ExportModeration } from '@vrijuit/protocol';
import { moderationDetailText } from '@vrijuit/protocol/moderation-detail';
import type { ExportLabels } from './i18n/index.ts';
import { text, type Block, type Formats } from './outline-kit.ts';

/** The words a wall's log table starts with: a pain-point wall's or a question round's (QA6). */
export interface ModerationWords {
  readonly note: string;
  readonly none: string;
  /** The actions' names (a question round's merge speaks of questions). */
  readonly actions: Readonly<Record<ExportModeration['action'], string>>;
}

/** The log's words for a pain-point wall or a question round (QA6), in the export's language. */
export function moderationWords(kind: 'pain-points' | 'questions', l: ExportLabels): ModerationWords {
  const p = l.painPoints;
  if (kind === 'pain-points') return { note: p.moderationNote, none: p.moderationNone, actions: p.actions };
  const q = l.questions;
  return { note: q.moderationNote, none: q.moderationNone, actions: { ...p.actions, merged: q.merged } };
}

/**
 * ML3, QA6: a wall's moderation log, summed per action and detail: counts only, never who or which text.
 * The same table for a pain-point wall and a question round; only the sentence above it differs.
 */
export function moderationBlocks(
  rows: readonly ExportModeration[],
  words: ModerationWords,
  l: ExportLabels,
  f: Formats,
): Block[] {
  const p = l.painPoints;
  const heading: Block = { type: 'heading', level: 3, text: p.moderation };
  if (rows.length === 0) return [heading, { type: 'paragraph', note: true, text: words.none }];
  const detail = (row: ExportModeration) =>
    moderationDetailText(row, { reason: (r) => p.reasons[r], noTheme: p.noTheme }) ?? '';
  return [
    heading,
    { type: 'paragraph', note: true, text: words.note },
    {
      type: 'table',
      table: {
        head: [p.action, p.detail, p.times, p.entries],
        rows: rows.map((row) => [
          text(words.actions[row.action]),
          text(detail(row)),
          text(f.number(row.times)),
          text(f.number(row.entries)),
        ]),
        numeric: [false, false, true, true],
      },
    },
  ];
}
