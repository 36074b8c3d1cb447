import type { ExportDocument, ExportRound, ExportVoteResults, ExportZone } from '@vrijuit/protocol';
import { EXPORT_VERSION, textDocName } from '@vrijuit/protocol';
import { participantList } from '../participants.ts';
import { resultsOf } from '../projection.ts';
import type { Round, SessionState } from '../state.ts';
import { exportModeration } from './export-moderation.ts';
import { exportThemes } from './export-pain-points.ts';
import { exportCloud } from './export-word-cloud.ts';
import { exportQuestions } from './export-questions.ts';
import { exportComparison, exportVoteResults, type ExportWords } from './export-results.ts';
import { paragraphAgreement, type AgreementRoundLike } from './paragraph-agreement.ts';
import { paragraphTexts, textBlocks, type TextNode } from './text-nodes.ts';

export interface ExportInput {
  /** The facilitator's account name, the one person an export names (or null). */
  readonly facilitator: string | null;
  /** Position texts by document name (`textDocName`), as plain ProseMirror JSON read from Yjs. */
  readonly texts: Readonly<Record<string, TextNode>>;
  /** The agreement presets' level labels and the other words the model holds, in the export's language. */
  readonly words: ExportWords;
}

function attendance(state: SessionState): ExportDocument['attendance'] {
  const participants = participantList(state.participants);
  const zones = state.zones.map((zone): ExportZone => {
    const here = participants.filter((p) => p.zoneId === zone.id);
    const present = new Set(here.map((p) => p.municipalityId));
    return {
      id: zone.id,
      name: zone.name,
      participants: here.length,
      municipalities: zone.municipalities.filter((m) => present.has(m.id)).map((m) => ({ id: m.id, name: m.name })),
    };
  });
  return { participants: participants.length, zones };
}

/**
 * The export of a session (issue 7): one pure function, so Markdown, DOCX, PDF, CSV and JSON show the
 * same facts. It reads only what the screens may show (the projection's results and walls, k-suppressed
 * breakdowns) and adds no ids or times: see ExportDocument in the protocol for what it never holds.
 * Draft rounds are left out; the rest are numbered by their place among the exported rounds.
 */
export function exportDocument(state: SessionState, input: ExportInput): ExportDocument {
  const ran = state.rounds.filter((r) => r.status !== 'draft');
  const numberOf = new Map(ran.map((r, i) => [r.id, i + 1]));
  // Each round's results, tallied once: its own export reads them, and so do the texts' paragraphs (EX6).
  const tallied = ran.map((r) => ({ id: r.id, config: r.config, options: r.options, results: resultsOf(state, r) }));
  const voteResults = new Map<string, ExportVoteResults>();
  const rounds = ran.map((round, i): ExportRound => {
    const base = {
      number: i + 1,
      question: round.question,
      status: round.status === 'closed' ? ('closed' as const) : ('open' as const),
      rerunOf: round.rerunOf ? (numberOf.get(round.rerunOf) ?? null) : null,
      compareKey: round.compareKey,
    };
    if (round.config.kind === 'pain-points') {
      return {
        ...base,
        kind: 'pain-points',
        paper: round.paperPoints ?? 0,
        ...exportThemes(round),
        moderation: exportModeration(round),
      };
    }
    if (round.config.kind === 'questions') {
      // QA6: a question round publishes its moderation log as a pain-point wall does; QA7: its paper count.
      return {
        ...base,
        kind: 'questions',
        questions: exportQuestions(round),
        paper: round.paperPoints ?? 0,
        moderation: exportModeration(round),
      };
    }
    if (round.config.kind === 'position-text')
      return { ...base, kind: 'position-text', ...texts(state, round, tallied, numberOf, input) };
    // WC9: the words and their counts, as the console has them (each sent by k or more: WC6).
    if (round.config.kind === 'word-cloud') return { ...base, kind: 'word-cloud', ...exportCloud(tallied[i]?.results) };
    const results = tallied[i]?.results;
    const exported = exportVoteResults(
      round.config,
      round.options,
      results ?? emptyResults(),
      state.zones,
      input.words,
    );
    voteResults.set(round.id, exported);
    const before = round.rerunOf ? voteResults.get(round.rerunOf) : undefined;
    return {
      ...base,
      kind: 'vote',
      config: round.config,
      options: round.options.map((o) => ({ ...o })),
      results: exported,
      comparison: before && base.rerunOf ? exportComparison(base.rerunOf, before, exported) : null,
    };
  });
  return {
    format: 'vrijuit-export',
    version: EXPORT_VERSION,
    session: {
      title: state.title,
      description: state.description,
      date: state.date,
      language: state.language,
      facilitator: input.facilitator,
      anonymityThreshold: state.settings.anonymityThreshold,
      weighted: state.settings.weighted,
    },
    attendance: attendance(state),
    rounds,
  };
}

const emptyResults = () => ({
  respondents: 0,
  paper: 0,
  perPerson: { values: {}, matrix: null },
  perMunicipality: null,
  breakdown: null,
});

function texts(
  state: SessionState,
  round: Round,
  tallied: readonly AgreementRoundLike[],
  numberOf: ReadonlyMap<string, number>,
  input: ExportInput,
) {
  const plenary = input.texts[textDocName(round.id, null)];
  const drafts =
    round.config.kind === 'position-text' && round.config.zoneDrafts
      ? state.zones
          .map((zone) => ({
            zoneId: zone.id,
            zone: zone.name,
            text: textBlocks(input.texts[textDocName(round.id, zone.id)]),
          }))
          .filter((draft) => draft.text.length > 0)
      : [];
  // Agreement checks on the text's paragraphs: the rounds that ran, with their results as the console saw them.
  const agreement = (plenary ? paragraphTexts(plenary) : []).flatMap((paragraph) => {
    const found = paragraphAgreement(paragraph, tallied);
    if (!found || found.round.config.kind !== 'agreement') return [];
    return [
      {
        paragraph,
        round: numberOf.get(found.round.id) ?? 0,
        preset: found.round.config.preset,
        levels: [...input.words.agreementLevels[found.round.config.preset]],
        respondents: found.respondents,
        counts: found.counts,
      },
    ];
  });
  return { text: textBlocks(plenary), drafts, agreement };
}
