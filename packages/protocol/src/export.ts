import { z } from 'zod';
import { LocalId } from './ids.ts';
import { HideReason } from './pain-points.ts';
import { AgreementPreset, RoundConfig, VoteOption } from './rounds.ts';
import { IsoDate, SessionLanguage } from './session.ts';

/*
 * The anonymised outcome of a session (issue 7): one model, built by core's `exportDocument` from the
 * session's state, rendered to every format. The JSON export is this model as it is; its JSON Schema is
 * docs/export-schema.json (generated from these schemas, see docs/export.md).
 *
 * What it never holds (AN, A1): participant ids or names, voter keys, ballots, Yjs client ids, ids of
 * pain points or rounds (rounds are numbered by their place on the agenda), times finer than the
 * session's day, and breakdowns of groups under the anonymity threshold.
 */

export const EXPORT_FORMATS = ['md', 'docx', 'pdf', 'csv', 'json'] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;

const count = z.number().int().nonnegative();

/** One list item of a position text, `depth` 0 for the outer list. */
export const ExportListItem = z.object({ text: z.string(), depth: count });
export type ExportListItem = z.infer<typeof ExportListItem>;

/** A block of a position text: only its words and structure, no marks, authors or edit history. */
export const ExportTextBlock = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), level: z.number().int().min(1).max(6), text: z.string() }),
  z.object({ type: z.literal('paragraph'), text: z.string() }),
  z.object({ type: z.literal('quote'), text: z.string() }),
  z.object({ type: z.literal('list'), ordered: z.boolean(), items: z.array(ExportListItem) }),
]);
export type ExportTextBlock = z.infer<typeof ExportTextBlock>;

/** What a vote round's `value` measures, so every format names the same unit. */
export const ExportMeasure = z.enum(['votes', 'dots', 'borda', 'mean-level']);
export type ExportMeasure = z.infer<typeof ExportMeasure>;

/**
 * One option (or statement) of a vote round, per person: `value` in the round's measure; `share` of all
 * votes or dots (0..1, null for ranking, scale and agreement); `counts` answers per level (scale,
 * agreement) or times ranked at each place (ranking), null for the others.
 */
export const ExportOptionResult = z.object({
  id: LocalId,
  label: z.string(),
  value: z.number().nullable(),
  share: z.number().min(0).max(1).nullable(),
  counts: z.array(z.number()).nullable(),
});
export type ExportOptionResult = z.infer<typeof ExportOptionResult>;

/**
 * A zone or municipality of a breakdown: its values per option id, or only that it is under k. The
 * members of a zone who named no municipality form a group of their own (id `<zoneId>:?`, BR3).
 */
export const ExportGroup = z.object({
  id: z.string(),
  name: z.string(),
  suppressed: z.boolean(),
  respondents: count.nullable(),
  values: z.record(z.string(), z.number()).nullable(),
});
export type ExportGroup = z.infer<typeof ExportGroup>;

export const ExportVoteResults = z.object({
  respondents: count,
  /** How many of the respondents voted on paper. */
  paper: count,
  measure: ExportMeasure,
  /** The answer levels of a scale or agreement round (index = level), null for the other kinds. */
  levels: z.array(z.string()).nullable(),
  options: z.array(ExportOptionResult),
  /** Each municipality one voice; null without municipalities; withheld under k (see RoundResults). */
  perMunicipality: z
    .object({
      withheld: z.boolean(),
      voices: z.number().nullable(),
      values: z.record(z.string(), z.number()).nullable(),
    })
    .nullable(),
  /** Breakdowns exist only for a closed round; groups under the threshold are marked suppressed. */
  zones: z.array(ExportGroup),
  municipalities: z.array(ExportGroup),
});
export type ExportVoteResults = z.infer<typeof ExportVoteResults>;

/** A re-run next to the round it re-runs: per option, the earlier value and this one. */
export const ExportComparison = z.object({
  /** The agenda number of the earlier round. */
  round: z.number().int().positive(),
  respondentsBefore: count,
  respondentsAfter: count,
  rows: z.array(
    z.object({ id: LocalId, label: z.string(), before: z.number().nullable(), after: z.number().nullable() }),
  ),
});
export type ExportComparison = z.infer<typeof ExportComparison>;

export const ExportPainPoint = z.object({
  text: z.string(),
  /** "Me too" plus the duplicates merged into it. */
  support: count,
  /** Texts of the duplicates merged into this entry. */
  merged: z.array(z.string()),
});
export type ExportPainPoint = z.infer<typeof ExportPainPoint>;

/**
 * The entries of one theme, most supported first; entries with equal support in random order (by their
 * random ids, AN9/A2). `id` and `name` are null for entries without a theme.
 */
export const ExportTheme = z.object({
  id: LocalId.nullable(),
  name: z.string().nullable(),
  support: count,
  points: z.array(ExportPainPoint),
  /** ML4: the theme got entries from a suggestion the facilitator accepted ("voorgesteld, bevestigd"). */
  suggested: z.boolean(),
});
export type ExportTheme = z.infer<typeof ExportTheme>;

/**
 * ML3: one row of a wall's moderation log as published: an action with its detail (a hide reason or a
 * theme's name) and how many entries it touched, summed over the log; never an author, a text or a time.
 */
export const ExportModeration = z.object({
  action: z.enum(['hidden', 'rejected', 'shown', 'approved', 'merged', 'themed', 'suggestion-accepted']),
  /** The hide reason (hidden: taken off the wall; rejected: turned down in the queue), else null. */
  reason: HideReason.nullable(),
  /** The theme's name (themed, suggestion-accepted; null: out of any theme), else null. */
  theme: z.string().nullable(),
  /** How many times the facilitator did it, and how many entries that touched. */
  times: count,
  entries: count,
});
export type ExportModeration = z.infer<typeof ExportModeration>;

/** A paragraph of a position text put to an agreement check, with the latest such check's answers. */
export const ExportParagraphAgreement = z.object({
  paragraph: z.string(),
  round: z.number().int().positive(),
  preset: AgreementPreset,
  /** The preset's level labels (index = level), as in that round's results. */
  levels: z.array(z.string()),
  respondents: count,
  /** Answers per level (0 = full support). */
  counts: z.array(z.number()),
});
export type ExportParagraphAgreement = z.infer<typeof ExportParagraphAgreement>;

const roundBase = {
  /** Place on the agenda among the exported rounds, from 1. */
  number: z.number().int().positive(),
  question: z.string(),
  /** A round still open is exported as it stands (no breakdowns). */
  status: z.enum(['open', 'closed']),
  /** The agenda number of the round this one re-runs, or null. */
  rerunOf: z.number().int().positive().nullable(),
  compareKey: LocalId.nullable(),
};

export const ExportRound = z.discriminatedUnion('kind', [
  z.object({
    ...roundBase,
    kind: z.literal('vote'),
    /** The vote's kind and settings (never 'pain-points' or 'position-text'). */
    config: RoundConfig,
    options: z.array(VoteOption),
    results: ExportVoteResults,
    comparison: ExportComparison.nullable(),
  }),
  z.object({
    ...roundBase,
    kind: z.literal('pain-points'),
    /** Entries in the export: released, merged duplicates included, hidden ones (and theirs) not. */
    entries: count,
    paper: count,
    themes: z.array(ExportTheme),
    /** ML3: the moderation log, summed by action and detail, in the log's order of first use. */
    moderation: z.array(ExportModeration),
  }),
  z.object({
    ...roundBase,
    kind: z.literal('word-cloud'),
    /** Participants whose answers were counted. */
    respondents: count,
    /** Core WC6, WC9: the words each sent by at least k participants (names withheld), by count then word. */
    words: z.array(z.object({ word: z.string(), count })),
  }),
  z.object({
    ...roundBase,
    kind: z.literal('questions'),
    /**
     * QA5: the questions the room saw, by votes (most first; ties by id, which is random: AN9), answered
     * or not; hidden ones left out. Merged duplicates are listed under the question they went into.
     */
    questions: z.array(
      z.object({ text: z.string(), votes: count, answered: z.boolean(), merged: z.array(z.string()) }),
    ),
    /**
     * QA7: how many of the round's questions came on paper (PA4: a count on the round, never a mark on a
     * question), hidden and merged ones included, as the screens count them.
     */
    paper: count,
    /** QA6: the moderation log (hides, merges, the queue), summed as a pain-point wall's (ML3). */
    moderation: z.array(ExportModeration),
  }),
  z.object({
    ...roundBase,
    kind: z.literal('position-text'),
    /** The plenary text. */
    text: z.array(ExportTextBlock),
    /** Zone drafts (a round with zone drafts), zones with an empty draft left out. */
    drafts: z.array(z.object({ zoneId: LocalId, zone: z.string(), text: z.array(ExportTextBlock) })),
    agreement: z.array(ExportParagraphAgreement),
  }),
]);
export type ExportRound = z.infer<typeof ExportRound>;

export const ExportZone = z.object({
  id: LocalId,
  name: z.string(),
  /** Participants who joined in this zone. */
  participants: count,
  /** Municipalities with at least one participant (attendance only). */
  municipalities: z.array(z.object({ id: LocalId, name: z.string() })),
});
export type ExportZone = z.infer<typeof ExportZone>;

export const EXPORT_VERSION = 1;

export const ExportDocument = z.object({
  format: z.literal('vrijuit-export'),
  version: z.literal(EXPORT_VERSION),
  session: z.object({
    title: z.string(),
    description: z.string(),
    date: IsoDate.nullable(),
    language: SessionLanguage,
    /** The facilitator's account name (the one person named), or null. */
    facilitator: z.string().nullable(),
    anonymityThreshold: z.number().int().positive(),
    weighted: z.boolean(),
  }),
  attendance: z.object({ participants: count, zones: z.array(ExportZone) }),
  /** Rounds that ran (drafts left out), in agenda order. */
  rounds: z.array(ExportRound),
});
export type ExportDocument = z.infer<typeof ExportDocument>;
