import type { ExportRound, ResultsPageRound, ResultsPageView } from '@vrijuit/protocol';
import { resultsPageOf } from './decide-results-page.ts';
import { exportDocument } from './export/export-document.ts';
import type { ExportWords } from './export/export-results.ts';
import type { TextNode } from './export/text-nodes.ts';
import type { Round, SessionState } from './state.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ResultsPageInput {
  /** Position texts by document name, as for the export (plain ProseMirror JSON read from Yjs). */
  readonly texts: Readonly<Record<string, TextNode>>;
  /** The export's words in the session's language (agreement levels, the group without municipality). */
  readonly words: ExportWords;
  readonly now: number;
}

/** RP4: the room saw a round's results (RO7: live, or revealed), so the page may show them again. */
const shownToRoom = (round: Round) => round.reveal === 'live' || round.revealed;

/**
 * RP4-RP6: a round of the export as the page shows it: less than the export, never more. Votes keep
 * their per-person figures and the zones' breakdown as the export has it (suppressed under k, AN4, AN5);
 * the per-municipality tally and the municipalities' breakdown are left out; a wall keeps its entries'
 * texts and support; a position text its plenary text (no zone drafts, no agreement figures).
 */
function pageRound(exported: ExportRound, round: Round): ResultsPageRound {
  const base = { number: exported.number, question: exported.question };
  if (exported.kind === 'position-text') return { ...base, kind: 'position-text', text: exported.text };
  if (!shownToRoom(round)) return { ...base, kind: 'not-shared' };
  if (exported.kind === 'pain-points') {
    return {
      ...base,
      kind: 'pain-points',
      themes: exported.themes.map((t) => ({
        name: t.name,
        points: t.points.map((p) => ({ text: p.text, support: p.support })),
        suggested: t.suggested,
      })),
      // ML3: what moderation did, as published in the export.
      moderation: exported.moderation.map((row) => ({ ...row })),
    };
  }
  if (exported.kind === 'word-cloud') {
    return { ...base, kind: 'word-cloud', words: exported.words.map((w) => ({ ...w })) };
  }
  // QA5: the questions by votes, answered or not (no merged texts: the page is less than the export); QA6: the log.
  if (exported.kind === 'questions') {
    const questions = exported.questions.map((q) => ({ text: q.text, votes: q.votes, answered: q.answered }));
    return { ...base, kind: 'questions', questions, moderation: exported.moderation.map((row) => ({ ...row })) };
  }
  const r = exported.results;
  return {
    ...base,
    kind: 'vote',
    config: exported.config,
    respondents: r.respondents,
    measure: r.measure,
    levels: r.levels,
    options: r.options.map((o) => ({ label: o.label, value: o.value, share: o.share, counts: o.counts })),
    zones: r.zones.map((g) => ({ ...g })),
  };
}

/** RP2: the moment the page closes (epoch ms), or null while no period runs. */
export function resultsPageUntil(state: SessionState): number | null {
  const page = resultsPageOf(state);
  return page.closedAt === null ? null : page.closedAt + page.days * DAY_MS;
}

/** RP2: the page's last open day (UTC), `YYYY-MM-DD`. */
const lastDay = (until: number) => new Date(until - 1).toISOString().slice(0, 10);

/**
 * RP1-RP7: what a join code opens once the session has ended. One pure function over the session and
 * the export's model: nothing about who (no names, zones of people, tokens or counts of attendance),
 * `running` while the session is a draft or live, `over` once the period has run out.
 */
export function resultsPageView(state: SessionState, input: ResultsPageInput): ResultsPageView {
  if (state.status === 'draft' || state.status === 'live') return { state: 'running' };
  const page = resultsPageOf(state);
  const until = resultsPageUntil(state);
  const base = { title: state.title, language: state.language };
  if (until === null || input.now >= until) return { state: 'over', ...base };
  const exported = exportDocument(state, { facilitator: null, texts: input.texts, words: input.words });
  // The export numbers the rounds that ran, in agenda order: the same rounds, in the same order.
  const ran = state.rounds.filter((r) => r.status !== 'draft');
  return {
    state: 'open',
    ...base,
    date: state.date,
    openUntil: lastDay(until),
    note: page.note,
    rounds: exported.rounds.flatMap((r, i) => {
      const round = ran[i];
      return round ? [pageRound(r, round)] : [];
    }),
  };
}
