import type { ExportGroup, ExportRound, ExportVoteResults } from '@vrijuit/protocol';
import type { ExportLabels } from './i18n/index.ts';
import { bar, fill, legend, mostCommonText, plural, text, type Block, type Cell, type Formats } from './outline-kit.ts';

type VoteRound = Extract<ExportRound, { kind: 'vote' }>;

/** A value in the round's measure: counts as they are, a mean level 1-based (level 0 reads "1"). */
function valueText(results: ExportVoteResults, value: number | null | undefined, f: Formats): string {
  if (value === null || value === undefined) return '–';
  return f.number(results.measure === 'mean-level' ? value + 1 : value);
}

/** An agreement round asks about statements, the others offer options. */
const optionHead = (round: VoteRound, l: ExportLabels) =>
  round.config.kind === 'agreement' ? l.votes.statement : l.votes.option;

/** The main table: per option its value, share and a bar; per level or place the counts. */
function mainTable(round: VoteRound, l: ExportLabels, f: Formats): Block[] {
  const r = round.results;
  const measure = l.votes.measures[r.measure];
  if (r.measure === 'mean-level') {
    const levels = r.levels ?? [];
    const firstCol = optionHead(round, l);
    const rows = r.options.map((o): Cell[] => [
      text(o.label),
      text(valueText(r, o.value, f)),
      text(mostCommonText(levels, o.counts ?? null, l)),
      ...levels.map((_, i) => text(f.number(o.counts?.[i] ?? 0))),
    ]);
    return [
      {
        type: 'table',
        table: {
          head: [firstCol, measure, l.votes.mostly, ...levels.map((_, i) => fill(l.votes.level, { n: i + 1 }))],
          rows,
          numeric: [false, true, false, ...levels.map(() => true)],
        },
      },
      legend(levels, l),
    ];
  }
  // Votes, dots and Borda points: most first (ties keep the agenda's order), with a bar to compare.
  const sorted = [...r.options].sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const max = Math.max(0, ...sorted.map((o) => o.value ?? 0));
  if (r.measure === 'borda') {
    const places = sorted[0]?.counts?.length ?? 0;
    const placeHeads = Array.from({ length: places }, (_, i) => fill(l.votes.place, { n: i + 1 }));
    return [
      {
        type: 'table',
        table: {
          head: [l.votes.option, measure, ...placeHeads, l.votes.chart],
          rows: sorted.map((o) => [
            text(o.label),
            text(valueText(r, o.value, f)),
            ...placeHeads.map((_, i) => text(f.number(o.counts?.[i] ?? 0))),
            bar(o.value ?? 0, max),
          ]),
          numeric: [false, true, ...placeHeads.map(() => true), false],
        },
      },
      { type: 'paragraph', note: true, text: l.votes.bordaNote },
    ];
  }
  return [
    {
      type: 'table',
      table: {
        head: [l.votes.option, measure, l.votes.share, l.votes.chart],
        rows: sorted.map((o) => [
          text(o.label),
          text(valueText(r, o.value, f)),
          text(o.share === null ? '–' : f.percent(o.share)),
          bar(o.value ?? 0, max),
        ]),
        numeric: [false, true, true, false],
      },
    },
  ];
}

/** Options down, groups across; a suppressed group's column reads "—" (under k, AN4). */
function breakdown(
  heading: string,
  groups: readonly ExportGroup[],
  round: VoteRound,
  k: number,
  l: ExportLabels,
  f: Formats,
): Block[] {
  if (groups.length === 0) return [];
  const r = round.results;
  const head = [
    optionHead(round, l),
    ...groups.map((g) => (g.suppressed ? g.name : fill(l.breakdown.group, { name: g.name, n: g.respondents ?? 0 }))),
  ];
  const rows = r.options.map((o) => [
    text(o.label),
    ...groups.map((g) =>
      text(
        g.suppressed
          ? l.breakdown.suppressed
          : valueText(r, g.values?.[o.id] ?? (r.measure === 'mean-level' ? null : 0), f),
      ),
    ),
  ]);
  const blocks: Block[] = [
    { type: 'heading', level: 3, text: heading },
    { type: 'table', table: { head, rows, numeric: head.map((_, i) => i > 0) } },
  ];
  if (groups.some((g) => g.suppressed))
    blocks.push({ type: 'paragraph', note: true, text: fill(l.breakdown.suppressedNote, { k }) });
  return blocks;
}

function perMunicipality(round: VoteRound, k: number, l: ExportLabels, f: Formats): Block[] {
  const m = round.results.perMunicipality;
  if (!m) return [];
  const heading: Block = { type: 'heading', level: 3, text: l.breakdown.perMunicipality };
  if (m.withheld || !m.values)
    return [heading, { type: 'paragraph', note: true, text: fill(l.breakdown.withheld, { k }) }];
  const r = round.results;
  return [
    heading,
    {
      type: 'table',
      table: {
        head: [optionHead(round, l), l.breakdown.perPerson, fill(l.breakdown.voices, { n: f.number(m.voices ?? 0) })],
        rows: r.options.map((o) => [
          text(o.label),
          text(valueText(r, o.value, f)),
          text(valueText(r, m.values?.[o.id], f)),
        ]),
        numeric: [false, true, true],
      },
    },
  ];
}

function comparison(round: VoteRound, l: ExportLabels, f: Formats): Block[] {
  const c = round.comparison;
  if (!c) return [];
  const r = round.results;
  const change = (before: number | null, after: number | null) => {
    if (before === null || after === null) return '–';
    const d = after - before;
    return d > 0 ? `+${f.number(d)}` : f.number(d);
  };
  return [
    { type: 'heading', level: 3, text: l.comparison.heading },
    {
      type: 'table',
      table: {
        head: [
          optionHead(round, l),
          fill(l.comparison.before, { n: c.round }),
          l.comparison.after,
          l.comparison.change,
        ],
        rows: c.rows.map((row) => [
          text(row.label),
          text(valueText(r, row.before, f)),
          text(valueText(r, row.after, f)),
          text(change(row.before, row.after)),
        ]),
        numeric: [false, true, true, true],
      },
    },
    {
      type: 'paragraph',
      note: true,
      text: fill(l.comparison.respondents, { before: c.respondentsBefore, after: c.respondentsAfter }),
    },
  ];
}

/** A vote round: how many answered, the results, one voice per municipality, breakdowns, before/after. */
export function voteBlocks(round: VoteRound, k: number, l: ExportLabels, f: Formats): Block[] {
  const r = round.results;
  const answered =
    plural(l.votes.respondents, r.respondents) + (r.paper > 0 ? ` ${fill(l.votes.paper, { n: r.paper })}` : '');
  if (r.respondents === 0) return [{ type: 'paragraph', text: l.votes.noAnswers }];
  return [
    { type: 'paragraph', text: `${answered}.` },
    ...mainTable(round, l, f),
    ...perMunicipality(round, k, l, f),
    ...breakdown(l.breakdown.zones, r.zones, round, k, l, f),
    ...breakdown(l.breakdown.municipalities, r.municipalities, round, k, l, f),
    ...comparison(round, l, f),
  ];
}
