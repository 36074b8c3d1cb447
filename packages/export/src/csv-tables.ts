import type { ExportDocument, ExportRound, ExportTextBlock, ExportVoteResults } from '@vrijuit/protocol';
import { moderationDetail } from '@vrijuit/protocol/moderation-detail';
import type { ExportLabels } from './i18n/index.ts';
import { fill } from './outline-kit.ts';
import { moderationWords } from './outline-moderation.ts';

/*
 * The CSV export's tables, read from the model itself (not the outline): one table per kind of fact, one
 * row per fact, so a spreadsheet can sort and filter them. Cells are strings, numbers or null (empty);
 * render-csv.ts turns them into safe CSV.
 */

export type CsvCell = string | number | null;
export interface CsvTable {
  readonly name: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly CsvCell[])[];
}

type VoteRound = Extract<ExportRound, { kind: 'vote' }>;

/** A value in the round's measure, a mean level 1-based as in the other formats ("1" = the first level). */
const value = (r: ExportVoteResults, v: number | null | undefined): number | null =>
  v === null || v === undefined ? null : r.measure === 'mean-level' ? v + 1 : v;

function session(doc: ExportDocument, c: ExportLabels['csv']): CsvTable {
  const s = doc.session;
  return {
    name: c.files.session,
    head: [c.session.field, c.session.value],
    rows: [
      [c.session.title, s.title],
      [c.session.description, s.description],
      [c.session.date, s.date],
      [c.session.facilitator, s.facilitator],
      [c.session.participants, doc.attendance.participants],
      [c.session.threshold, s.anonymityThreshold],
      [c.session.weighted, s.weighted ? c.yes : c.no],
      [c.session.format, `${doc.format} ${doc.version}`],
    ],
  };
}

function attendance(doc: ExportDocument, c: ExportLabels['csv']): CsvTable {
  return {
    name: c.files.attendance,
    head: [c.zone, c.session.participants, c.municipalities],
    rows: doc.attendance.zones.map((z) => [z.name, z.participants, z.municipalities.map((m) => m.name).join(', ')]),
  };
}

function votes(rounds: readonly VoteRound[], l: ExportLabels): CsvTable {
  const c = l.csv;
  return {
    name: c.files.votes,
    head: [
      c.round,
      c.question,
      c.kind,
      c.status,
      c.rerunOf,
      c.option,
      c.value,
      c.measure,
      c.share,
      c.respondents,
      c.paper,
      c.perMunicipality,
    ],
    rows: rounds.flatMap((round) => {
      const r = round.results;
      const perMunicipality = r.perMunicipality?.withheld === false ? r.perMunicipality.values : null;
      return r.options.map((o) => [
        round.number,
        round.question,
        l.round.kinds[round.config.kind],
        c.statuses[round.status],
        round.rerunOf,
        o.label,
        value(r, o.value),
        l.votes.measures[r.measure],
        o.share,
        r.respondents,
        r.paper,
        value(r, perMunicipality?.[o.id]),
      ]);
    }),
  };
}

function breakdown(rounds: readonly VoteRound[], c: ExportLabels['csv']): CsvTable {
  return {
    name: c.files.breakdown,
    head: [c.round, c.option, c.groupType, c.group, c.respondents, c.value, c.suppressed],
    rows: rounds.flatMap((round) => {
      const r = round.results;
      const groups = [
        ...r.zones.map((g) => [c.groupTypes.zone, g] as const),
        ...r.municipalities.map((g) => [c.groupTypes.municipality, g] as const),
      ];
      return groups.flatMap(([type, g]) =>
        r.options.map((o) =>
          g.suppressed
            ? [round.number, o.label, type, g.name, null, null, c.yes]
            : [
                round.number,
                o.label,
                type,
                g.name,
                g.respondents,
                value(r, g.values?.[o.id] ?? (r.measure === 'mean-level' ? null : 0)),
                c.no,
              ],
        ),
      );
    }),
  };
}

function levels(rounds: readonly VoteRound[], l: ExportLabels): CsvTable {
  const c = l.csv;
  return {
    name: c.files.levels,
    head: [c.round, c.option, c.level, c.levelName, c.count],
    rows: rounds.flatMap((round) =>
      round.results.options.flatMap((o) =>
        (o.counts ?? []).map((n, i) => [
          round.number,
          o.label,
          i + 1,
          round.results.levels?.[i] ?? fill(l.votes.place, { n: i + 1 }),
          n,
        ]),
      ),
    ),
  };
}

function comparison(rounds: readonly VoteRound[], c: ExportLabels['csv']): CsvTable {
  return {
    name: c.files.comparison,
    head: [c.round, c.rerunOf, c.option, c.before, c.after, c.change],
    rows: rounds.flatMap((round) => {
      const cmp = round.comparison;
      if (!cmp) return [];
      const r = round.results;
      return cmp.rows.map((row) => [
        round.number,
        cmp.round,
        row.label,
        value(r, row.before),
        value(r, row.after),
        row.before === null || row.after === null ? null : row.after - row.before,
      ]);
    }),
  };
}

function painPoints(doc: ExportDocument, l: ExportLabels): CsvTable {
  const c = l.csv;
  const rows: CsvCell[][] = [];
  for (const round of doc.rounds) {
    if (round.kind !== 'pain-points') continue;
    for (const theme of round.themes)
      for (const p of theme.points) {
        const name = theme.name ?? l.painPoints.noTheme;
        const suggested = theme.suggested ? c.yes : c.no;
        rows.push([round.number, round.question, name, p.text, p.support, null, suggested]);
        for (const merged of p.merged) rows.push([round.number, round.question, name, merged, null, p.text, suggested]);
      }
  }
  return {
    name: c.files.painPoints,
    head: [c.round, c.question, c.theme, c.point, c.support, c.mergedInto, c.suggested],
    rows,
  };
}

/**
 * ML3, QA6: each wall's moderation log (pain-point walls and question rounds, in agenda order), one row per
 * action and detail, with how often and how many entries.
 */
function moderation(doc: ExportDocument, l: ExportLabels): CsvTable {
  const c = l.csv;
  const p = l.painPoints;
  const rows: CsvCell[][] = [];
  for (const round of doc.rounds) {
    if (round.kind !== 'pain-points' && round.kind !== 'questions') continue;
    const actions = moderationWords(round.kind, l).actions;
    for (const row of round.moderation) {
      // ML5: the detail in its column: the reason, or the theme (empty when out of any theme).
      const detail = moderationDetail(row);
      rows.push([
        round.number,
        round.question,
        actions[row.action],
        detail.kind === 'reason' ? p.reasons[detail.reason] : null,
        detail.kind === 'theme' ? detail.theme : null,
        row.times,
        row.entries,
      ]);
    }
  }
  return {
    name: c.files.moderation,
    head: [c.round, c.question, p.action, c.reason, c.theme, p.times, p.entries],
    rows,
  };
}

/** WC9: a word cloud's words and counts, one row each (only when the session had a word cloud). */
function wordClouds(doc: ExportDocument, c: ExportLabels['csv']): CsvTable[] {
  const clouds = doc.rounds.filter((r) => r.kind === 'word-cloud');
  if (clouds.length === 0) return [];
  const rows = clouds.flatMap((round) => round.words.map((w) => [round.number, round.question, w.word, w.count]));
  return [{ name: c.files.wordCloud, head: [c.round, c.question, c.word, c.people], rows }];
}

/** QA5: one row per question (and per duplicate merged into it), most votes first; only with a question round. */
function questions(doc: ExportDocument, l: ExportLabels): CsvTable[] {
  const c = l.csv;
  const rounds = doc.rounds.flatMap((r) => (r.kind === 'questions' ? [r] : []));
  if (rounds.length === 0) return [];
  const rows: CsvCell[][] = [];
  for (const round of rounds)
    for (const q of round.questions) {
      const answered = q.answered ? l.questions.yes : l.questions.no;
      rows.push([round.number, round.question, q.text, q.votes, answered, null]);
      for (const merged of q.merged) rows.push([round.number, round.question, merged, null, null, q.text]);
    }
  const head = [c.round, c.question, c.asked, c.votes, c.answered, c.mergedInto];
  return [{ name: c.files.questions, head, rows }];
}

function textRows(blocks: readonly ExportTextBlock[], c: ExportLabels['csv']): CsvCell[][] {
  return blocks.flatMap((b): CsvCell[][] => {
    if (b.type === 'heading') return [[c.blocks.heading, b.level, b.text]];
    if (b.type === 'list')
      return b.items.map((item) => [b.ordered ? c.blocks.numbered : c.blocks.item, item.depth + 1, item.text]);
    return [[c.blocks[b.type], null, b.text]];
  });
}

function texts(doc: ExportDocument, c: ExportLabels['csv']): CsvTable {
  const rows: CsvCell[][] = [];
  for (const round of doc.rounds) {
    if (round.kind !== 'position-text') continue;
    const of = (author: string, blocks: readonly ExportTextBlock[]) =>
      textRows(blocks, c).map((row) => [round.number, round.question, author, ...row]);
    rows.push(...of(c.plenary, round.text));
    for (const draft of round.drafts) rows.push(...of(draft.zone, draft.text));
  }
  return { name: c.files.texts, head: [c.round, c.question, c.textOf, c.block, c.depth, c.text], rows };
}

/** Every table of the CSV export, in the order of the zip. */
export function csvTables(doc: ExportDocument, l: ExportLabels): CsvTable[] {
  const voteRounds = doc.rounds.filter((r): r is VoteRound => r.kind === 'vote');
  return [
    session(doc, l.csv),
    attendance(doc, l.csv),
    votes(voteRounds, l),
    breakdown(voteRounds, l.csv),
    levels(voteRounds, l),
    comparison(voteRounds, l.csv),
    painPoints(doc, l),
    moderation(doc, l),
    ...questions(doc, l),
    texts(doc, l.csv),
    ...wordClouds(doc, l.csv),
  ];
}
