import { z } from 'zod';
import { AGREEMENT_LEVELS, DEFAULTS, LIMITS } from './constants.ts';
import { LocalId, RoundId } from './ids.ts';

const label = z.string().trim().min(1).max(LIMITS.optionLabel);
const count = z.number().int().nonnegative();

export const RoundKind = z.enum([
  'single-choice',
  'multiple-choice',
  'dot-voting',
  'ranking',
  'scale',
  'agreement',
  'pain-points',
  'questions',
  'position-text',
  'word-cloud',
]);
export type RoundKind = z.infer<typeof RoundKind>;

export const AgreementPreset = z.enum(Object.keys(AGREEMENT_LEVELS) as [keyof typeof AGREEMENT_LEVELS]);
export type AgreementPreset = z.infer<typeof AgreementPreset>;

/**
 * The kind of a round with the settings that kind needs. A vote round's options are what people vote
 * on (at least two); a pain-point round's options are its themes (none or more), which participants may
 * tag an entry with and the facilitator clusters entries into. A position-text round has no options: its
 * outcome is a co-edited document (Yjs, on the `/yjs/<sessionId>/<docName>` endpoint, see
 * `textDocName`).
 */
export const RoundConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('single-choice') }),
  z.object({
    kind: z.literal('multiple-choice'),
    min: z.number().int().min(0).max(LIMITS.options),
    max: z.number().int().min(1).max(LIMITS.options),
  }),
  z.object({
    kind: z.literal('dot-voting'),
    budget: z.number().int().min(1).max(LIMITS.dotBudget),
    maxPerOption: z.number().int().min(1).max(LIMITS.dotBudget),
  }),
  z.object({ kind: z.literal('ranking') }),
  z.object({ kind: z.literal('scale'), labels: z.array(label).min(2).max(LIMITS.scaleLabels) }),
  z.object({ kind: z.literal('agreement'), preset: AgreementPreset }),
  z.object({
    kind: z.literal('pain-points'),
    /** How many entries one participant may add. */
    perParticipant: z
      .number()
      .int()
      .min(1)
      .max(LIMITS.painPointsPerParticipant)
      .default(DEFAULTS.painPointsPerParticipant),
    /** Entries wait for the facilitator's approval before the room sees them. */
    premoderation: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal('questions'),
    /** How many questions one participant may ask (QA1). */
    perParticipant: z
      .number()
      .int()
      .min(1)
      .max(LIMITS.painPointsPerParticipant)
      .default(DEFAULTS.questionsPerParticipant),
    /** Questions wait for the facilitator's approval before the room sees them. */
    premoderation: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal('position-text'),
    /** Each zone first writes a draft of its own; the plenary text is written (or assembled) after. */
    zoneDrafts: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal('word-cloud'),
    /** Core WC2: how many short answers a participant may send (one to this many). */
    answers: z.number().int().min(1).max(LIMITS.wordCloudAnswers).default(DEFAULTS.wordCloudAnswers),
  }),
]);
export type RoundConfig = z.infer<typeof RoundConfig>;

/**
 * QA1: the kinds whose outcome is a wall of anonymous entries (pain points, questions): the same storage,
 * batches, support and moderation (core SPEC PP, AN7-AN13). Code that holds for every wall asks this.
 */
export type WallConfig = Extract<RoundConfig, { kind: 'pain-points' | 'questions' }>;
export const hasWall = (config: RoundConfig): config is WallConfig =>
  config.kind === 'pain-points' || config.kind === 'questions';

/** Whether phones and the projector see results while the round runs, or only once revealed. */
export const RevealMode = z.enum(['live', 'manual']);
export type RevealMode = z.infer<typeof RevealMode>;

export const RoundStatus = z.enum(['draft', 'open', 'closed']);
export type RoundStatus = z.infer<typeof RoundStatus>;

export const VoteOption = z.object({ id: LocalId, label: z.string() });
export type VoteOption = z.infer<typeof VoteOption>;

/** Core WC3: one word of a participant's answers: its stem (folded) and the word as typed (lower case). */
export const CloudWord = z.object({
  stem: z.string().min(1).max(LIMITS.wordCloudWord),
  form: z.string().min(1).max(LIMITS.wordCloudWord),
});
export type CloudWord = z.infer<typeof CloudWord>;

const answers = z.record(LocalId, z.number().int().min(0).max(LIMITS.scaleLabels));

/** One participant's input in a round; its kind must be the round's. */
export const Ballot = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('single-choice'), optionId: LocalId }),
  z.object({ kind: z.literal('multiple-choice'), optionIds: z.array(LocalId).max(LIMITS.options) }),
  z.object({ kind: z.literal('dot-voting'), dots: z.record(LocalId, z.number().int().min(0).max(LIMITS.dotBudget)) }),
  z.object({ kind: z.literal('ranking'), order: z.array(LocalId).max(LIMITS.options) }),
  z.object({ kind: z.literal('scale'), answers }),
  z.object({ kind: z.literal('agreement'), answers }),
  z.object({
    kind: z.literal('word-cloud'),
    /** Core WC2: the answers as typed on the phone; the server turns them into `words` and keeps only those. */
    answers: z.array(z.string().trim().min(1).max(LIMITS.wordCloudAnswer)).max(LIMITS.wordCloudAnswers),
    /** Core WC3: made by the server from `answers` (stem and form of each word it may count); a phone's own are ignored. */
    words: z.array(CloudWord).max(LIMITS.wordCloudWords),
  }),
]);
export type Ballot = z.infer<typeof Ballot>;

/**
 * The result of a round for one group of people, the same shape for every kind:
 * - single and multiple choice: `values` = votes per option; `matrix` null;
 * - dot voting: `values` = dots per option; `matrix` null;
 * - ranking: `values` = Borda points (last place 0, first n-1); `matrix[option][p]` = times ranked p+1;
 * - scale and agreement: `values` = mean level (0-based), options nobody answered left out;
 *   `matrix[option][level]` = answers at that level.
 * In the per-municipality tally every figure (values and matrix) is a weighted mean, not a count.
 */
export const KindResult = z.object({
  values: z.record(z.string(), z.number()),
  matrix: z.record(z.string(), z.array(z.number())).nullable(),
});
export type KindResult = z.infer<typeof KindResult>;

/** One group (zone or municipality) of a breakdown: its result, or only the fact it is suppressed (AN4). */
export const GroupResult = z.discriminatedUnion('suppressed', [
  z.object({ id: z.string(), suppressed: z.literal(false), respondents: count, result: KindResult }),
  z.object({ id: z.string(), suppressed: z.literal(true) }),
]);
export type GroupResult = z.infer<typeof GroupResult>;

export const RoundResults = z.object({
  /** People who cast a ballot. */
  respondents: count,
  /**
   * How many of the respondents voted on paper (entered by the facilitator, PA2). Phones and the
   * projector get null while the round is open: a count that grows next to a live tally would show
   * which change was a paper ballot (PA5). Results kept before paper input existed read 0.
   */
  paper: count.nullable().default(0),
  /** Every ballot counts once. */
  perPerson: KindResult,
  /**
   * Each municipality one voice (the mean of its members' ballots, optionally weighted); null without
   * municipalities; withheld while a voting municipality has fewer voters than the anonymity threshold
   * (subtracting it from the per-person tally would single out that municipality's ballots).
   */
  perMunicipality: z
    .discriminatedUnion('withheld', [
      z.object({ withheld: z.literal(false), voices: z.number().nonnegative(), result: KindResult }),
      z.object({ withheld: z.literal(true) }),
    ])
    .nullable(),
  /** Per zone and per municipality, only for a closed round; groups under the threshold suppressed. */
  breakdown: z
    .object({
      zones: z.array(GroupResult),
      municipalities: z.array(GroupResult),
    })
    .nullable(),
  /**
   * Core WC6: a word-cloud round's words, each sent by at least k participants (count = how many), names
   * withheld, by count then word; absent for every other kind.
   */
  words: z.array(z.object({ word: z.string(), count: count })).optional(),
});
export type RoundResults = z.infer<typeof RoundResults>;

/** A round as everyone may see it (results are added per viewer by the projection). */
export const RoundPublic = z.object({
  id: RoundId,
  question: z.string(),
  options: z.array(VoteOption),
  config: RoundConfig,
  status: RoundStatus,
  reveal: RevealMode,
  revealed: z.boolean(),
  locked: z.boolean(),
  /** When an open round closes by itself (epoch ms, server clock), or null without a timer. */
  closesAt: z.number().int().nullable(),
  /** The round this one re-runs, for a before/after comparison. */
  rerunOf: RoundId.nullable(),
  /** Ties rounds asking the same across sessions (see `CompareKey` in design.ts); null when none. */
  compareKey: LocalId.nullable(),
  /** KT2: the plain-language question and options (option labels by position, '' = none); absent when none. */
  plain: z.object({ question: z.string(), options: z.array(z.string()) }).optional(),
});
export type RoundPublic = z.infer<typeof RoundPublic>;
