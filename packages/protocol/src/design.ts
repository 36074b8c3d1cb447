import { z } from 'zod';
import { DEFAULTS, LIMITS } from './constants.ts';
import { LocalId } from './ids.ts';
import { RevealMode, RoundConfig } from './rounds.ts';
import {
  IsoDate,
  OptionLabel,
  Question,
  SessionDescription,
  DesignSettings,
  SessionLanguage,
  SessionTitle,
  ZoneName,
} from './session.ts';

/**
 * A short id that ties rounds asking the same thing across sessions (e.g. `speak-freely` for the
 * closing pulse), so their results can be compared later; null when the round stands alone.
 */
export const CompareKey = LocalId.nullable();

/**
 * KT2: a round's question and options in plain language ("klare taal"), shown first on phones in a
 * session with plain language on. An empty question or a missing or empty option falls back to the
 * facilitator's own wording.
 */
export const RoundPlain = z.object({
  question: z.string().trim().max(LIMITS.question).default(''),
  options: z.array(z.string().trim().max(LIMITS.optionLabel)).max(LIMITS.options).default([]),
});
export type RoundPlain = z.infer<typeof RoundPlain>;

/** What a round is, without its state or results: used by round:create, round:update and a design's agenda. */
export const RoundDesign = z.object({
  question: Question,
  options: z.array(OptionLabel).max(LIMITS.options),
  config: RoundConfig.default({ kind: 'single-choice' }),
  reveal: RevealMode.default('manual'),
  durationSeconds: z.number().int().min(5).max(LIMITS.roundSeconds).nullable().default(null),
  compareKey: CompareKey.default(null),
  /** KT2: the plain-language version of the question and options, or null (none). */
  plain: RoundPlain.nullable().default(null),
});
export type RoundDesign = z.infer<typeof RoundDesign>;
export type RoundDesignInput = z.input<typeof RoundDesign>;

/** A zone of a design: its name and municipalities (with their weights), no ids (they follow the order, SE4). */
export const ZoneDesign = z.object({
  name: ZoneName,
  municipalities: z
    .array(z.object({ name: ZoneName, weight: z.number().positive().max(1e9).default(1) }))
    .max(LIMITS.municipalities)
    .default([]),
});
export type ZoneDesign = z.infer<typeof ZoneDesign>;

/**
 * A session as a plan: its details, zones, settings and agenda, without people, input or results. A
 * template is a design; `designOf` in core gives a session's design back.
 */
export const SessionDesign = z.object({
  title: SessionTitle,
  description: SessionDescription.default(''),
  date: IsoDate.nullable().default(null),
  language: SessionLanguage.default('nl-BE'),
  zones: z.array(ZoneDesign).min(1).max(LIMITS.zones),
  settings: DesignSettings.default({
    anonymityThreshold: DEFAULTS.anonymityThreshold,
    weighted: false,
    releaseEverySeconds: DEFAULTS.releaseEverySeconds,
    releaseMinEntries: DEFAULTS.releaseMinEntries,
  }),
  agenda: z.array(RoundDesign).max(LIMITS.agenda).default([]),
});
export type SessionDesign = z.infer<typeof SessionDesign>;
export type SessionDesignInput = z.input<typeof SessionDesign>;
