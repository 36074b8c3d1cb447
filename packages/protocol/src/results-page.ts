import { z } from 'zod';
import { ExportGroup, ExportMeasure, ExportModeration, ExportTextBlock } from './export.ts';
import { RoundConfig } from './rounds.ts';
import { IsoDate, ResultsNote, SessionLanguage } from './session.ts';

/*
 * "Wat gebeurde er met jouw inbreng?" (core SPEC RP): after a session has ended, its join code opens a
 * read-only results page for a period the facilitator sets. Built by core's `resultsPageView` from the
 * export's model, so it never shows more than the export does, and only what the room could see (RO7).
 */

/** One option of a vote round on the page: its label and figure in the round's measure (as the export). */
export const ResultsPageOption = z.object({
  label: z.string(),
  value: z.number().nullable(),
  share: z.number().min(0).max(1).nullable(),
  counts: z.array(z.number()).nullable(),
});
export type ResultsPageOption = z.infer<typeof ResultsPageOption>;

const roundBase = { number: z.number().int().positive(), question: z.string() };

/**
 * A round on the page, numbered as in the export. The final text of a position text is always shown
 * (every participant could read it, TX2).
 */
export const ResultsPageRound = z.discriminatedUnion('kind', [
  z.object({
    ...roundBase,
    kind: z.literal('vote'),
    config: RoundConfig,
    respondents: z.number().int().nonnegative(),
    measure: ExportMeasure,
    levels: z.array(z.string()).nullable(),
    options: z.array(ResultsPageOption),
    /** The zones' breakdown exactly as the export has it: groups under k suppressed (AN4, AN5). */
    zones: z.array(ExportGroup),
  }),
  z.object({
    ...roundBase,
    kind: z.literal('pain-points'),
    themes: z.array(
      z.object({
        name: z.string().nullable(),
        points: z.array(z.object({ text: z.string(), support: z.number().int().nonnegative() })),
        /** ML4: filled by a suggestion the facilitator accepted. */
        suggested: z.boolean(),
      }),
    ),
    /** ML3: the wall's moderation log as the export publishes it (counts, reasons, themes; nobody). */
    moderation: z.array(ExportModeration),
  }),
  /** Core WC9: a word cloud's words (each sent by at least k people) and how many sent each. */
  z.object({
    ...roundBase,
    kind: z.literal('word-cloud'),
    words: z.array(z.object({ word: z.string(), count: z.number().int().nonnegative() })),
  }),
  /** QA5: the questions the room saw, by votes, each with whether it was answered; hidden ones left out. */
  z.object({
    ...roundBase,
    kind: z.literal('questions'),
    questions: z.array(z.object({ text: z.string(), votes: z.number().int().nonnegative(), answered: z.boolean() })),
    /** QA6: the round's moderation log as the export publishes it. */
    moderation: z.array(ExportModeration),
  }),
  z.object({ ...roundBase, kind: z.literal('position-text'), text: z.array(ExportTextBlock) }),
  /** A vote or a wall whose results the room never saw (RO7): its question only. */
  z.object({ ...roundBase, kind: z.literal('not-shared') }),
]);
export type ResultsPageRound = z.infer<typeof ResultsPageRound>;

/**
 * `GET /api/results/:code`'s body (RP1): `running` while the session has not ended (the phone joins),
 * `over` once the period has run out (or there is none), `open` with what the page shows.
 */
export const ResultsPageView = z.discriminatedUnion('state', [
  z.object({ state: z.literal('running') }),
  z.object({ state: z.literal('over'), title: z.string(), language: SessionLanguage }),
  z.object({
    state: z.literal('open'),
    title: z.string(),
    language: SessionLanguage,
    date: IsoDate.nullable(),
    /** The last day the page is open (the session's local day is not known: UTC), `YYYY-MM-DD`. */
    openUntil: IsoDate,
    note: ResultsNote,
    rounds: z.array(ResultsPageRound),
  }),
]);
export type ResultsPageView = z.infer<typeof ResultsPageView>;
