import type { ExportRound, ExportTextBlock } from '@vrijuit/protocol';
import type { ExportLabels } from './i18n/index.ts';
import { bar, fill, legend, mostCommonText, plural, text, type Block, type Formats } from './outline-kit.ts';
import { moderationBlocks, moderationWords } from './outline-moderation.ts';

type PainRound = Extract<ExportRound, { kind: 'pain-points' }>;
type TextRound = Extract<ExportRound, { kind: 'position-text' }>;

/** Pain points: an overview per theme (a chart-like table), then each theme's entries, most supported first. */
export function painPointBlocks(round: PainRound, l: ExportLabels, f: Formats): Block[] {
  return [...themeBlocks(round, l, f), ...moderationBlocks(round.moderation, moderationWords('pain-points', l), l, f)];
}

function themeBlocks(round: PainRound, l: ExportLabels, f: Formats): Block[] {
  const p = l.painPoints;
  if (round.themes.length === 0) return [{ type: 'paragraph', text: p.none }];
  const count = plural(p.count, round.entries) + (round.paper > 0 ? ` ${fill(p.paper, { n: round.paper })}` : '');
  // ML4: a theme filled by an accepted suggestion says so wherever it is named.
  const name = (theme: PainRound['themes'][number]) =>
    theme.name === null ? p.noTheme : theme.suggested ? `${theme.name} (${p.suggested})` : theme.name;
  const entries = (theme: PainRound['themes'][number]) => theme.points.reduce((n, x) => n + 1 + x.merged.length, 0);
  const max = Math.max(0, ...round.themes.map(entries));
  const blocks: Block[] = [
    { type: 'paragraph', text: `${count}.` },
    { type: 'heading', level: 3, text: p.overview },
    {
      type: 'table',
      table: {
        head: [p.theme, p.entries, p.support, l.votes.chart],
        rows: round.themes.map((t) => [
          text(name(t)),
          text(f.number(entries(t))),
          text(f.number(t.support)),
          bar(entries(t), max),
        ]),
        numeric: [false, true, true, false],
      },
    },
  ];
  for (const theme of round.themes) {
    blocks.push(
      { type: 'heading', level: 3, text: name(theme) },
      {
        type: 'table',
        table: {
          head: [p.point, p.support],
          rows: theme.points.map((x) => [
            text(x.merged.length ? `${x.text} (${fill(p.also, { texts: x.merged.join('; ') })})` : x.text),
            text(f.number(x.support)),
          ]),
          numeric: [false, true],
        },
      },
    );
  }
  blocks.push({ type: 'paragraph', note: true, text: p.order });
  return blocks;
}

/**
 * A text's blocks with its headings from level `base` on: the text's highest heading becomes `base`,
 * so a text that starts at "Kop 2" does not skip a level in the document's outline (screen readers).
 */
function textOf(blocks: readonly ExportTextBlock[], base: 3 | 5, l: ExportLabels): Block[] {
  if (blocks.length === 0) return [{ type: 'paragraph', text: l.text.empty }];
  const top = Math.min(6, ...blocks.map((b) => (b.type === 'heading' ? b.level : 6)));
  return blocks.map((b): Block => {
    if (b.type === 'heading')
      return { type: 'heading', level: Math.min(6, base + b.level - top) as 3 | 4 | 5 | 6, text: b.text };
    if (b.type === 'list') return { type: 'list', ordered: b.ordered, items: b.items };
    return b;
  });
}

/** A position text: the plenary text, each paragraph's agreement, then the zones' drafts. */
export function positionTextBlocks(round: TextRound, l: ExportLabels, f: Formats): Block[] {
  const blocks: Block[] = textOf(round.text, 3, l);
  if (round.agreement.length > 0) {
    const levels = Math.max(...round.agreement.map((a) => a.counts.length));
    blocks.push(
      { type: 'heading', level: 3, text: l.text.agreement },
      {
        type: 'table',
        table: {
          head: [
            l.text.paragraph,
            l.votes.mostly,
            ...Array.from({ length: levels }, (_, i) => fill(l.votes.level, { n: i + 1 })),
          ],
          rows: round.agreement.map((a) => [
            text(`${a.paragraph} (${fill(l.text.round, { n: a.round })})`),
            text(mostCommonText(a.levels, a.counts, l)),
            ...Array.from({ length: levels }, (_, i) => text(f.number(a.counts[i] ?? 0))),
          ]),
          numeric: [false, false, ...Array.from({ length: levels }, () => true)],
        },
      },
      legend(round.agreement[0]?.levels ?? [], l),
    );
  }
  if (round.drafts.length > 0) {
    blocks.push({ type: 'heading', level: 3, text: l.text.drafts });
    for (const draft of round.drafts) {
      blocks.push(
        { type: 'heading', level: 4, text: fill(l.text.draft, { zone: draft.zone }) },
        ...textOf(draft.text, 5, l),
      );
    }
  }
  return blocks;
}
