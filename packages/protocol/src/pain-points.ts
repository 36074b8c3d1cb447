import { z } from 'zod';
import { HIDE_REASONS, LIMITS } from './constants.ts';
import { LocalId, PointId } from './ids.ts';

/**
 * Pain points as screens see them. Nothing here names an author or a time (core SPEC AN7-AN9):
 * entries carry a random id, their text, a theme, a hide reason and a support count.
 */

export const PainPointText = z.string().trim().min(1).max(LIMITS.painPointText);

export const HideReason = z.enum(HIDE_REASONS);
export type HideReason = z.infer<typeof HideReason>;

/** One entry on the wall, in no particular order (screens sort by theme and support). */
export const WallPoint = z.object({
  id: PointId,
  /** The entry's text; null on phones and the projector while it is hidden. */
  text: z.string().nullable(),
  /** The theme it is tagged with or clustered into (one of the round's options), or none. */
  themeId: LocalId.nullable(),
  /** Why the facilitator hid it, or null when it is shown. */
  hidden: HideReason.nullable(),
  /** "Me too": people who support it, plus the duplicates merged into it. */
  support: z.number().int().nonnegative(),
  /** Texts of the duplicates merged into this entry. */
  merged: z.array(z.string()),
  /** QA2: true on a question the facilitator marked answered; absent otherwise (and on a pain point). */
  answered: z.boolean().optional(),
});
export type WallPoint = z.infer<typeof WallPoint>;

/** An entry waiting for the facilitator's approval (pre-moderation): only its text and theme. */
export const QueuedPoint = z.object({ id: PointId, text: z.string(), themeId: LocalId.nullable() });
export type QueuedPoint = z.infer<typeof QueuedPoint>;

/** The released entries of a pain-point round. */
export const Wall = z.object({
  points: z.array(WallPoint),
  /**
   * How many released entries came from paper (PA4): a count, never a mark on an entry. Phones and the
   * projector get null while the round is open, so no batch shows how many of it were paper (PA5).
   */
  paper: z.number().int().nonnegative().nullable(),
});
export type Wall = z.infer<typeof Wall>;

/**
 * One line of a wall's moderation log (core SPEC ML): what the facilitator did, with its reason and how
 * many entries it touched. Never an author, an entry's text or id, or a time: the log is published with
 * the outcome, so it names only what the room may read (ML2).
 */
export const ModerationLogEntry = z.discriminatedUnion('action', [
  /** An entry hidden, with its reason; `queued`: turned down before the room saw it (pre-moderation). */
  z.object({ action: z.literal('hidden'), reason: HideReason, queued: z.boolean() }),
  /** A hidden entry shown again. */
  z.object({ action: z.literal('shown') }),
  /** Queued entries put on the wall (pre-moderation). */
  z.object({ action: z.literal('approved'), entries: z.number().int().positive() }),
  /** A duplicate merged into another entry: `entries` counts it and the duplicates merged into it before. */
  z.object({ action: z.literal('merged'), entries: z.number().int().positive() }),
  /** An entry filed under a theme (null: taken out of any theme) by hand. */
  z.object({ action: z.literal('themed'), themeId: LocalId.nullable() }),
  /** A suggested group of entries filed under a theme (`newTheme`: the suggestion's new theme), SU. */
  z.object({
    action: z.literal('suggestion-accepted'),
    themeId: LocalId,
    entries: z.number().int().positive(),
    newTheme: z.boolean(),
  }),
]);
export type ModerationLogEntry = z.infer<typeof ModerationLogEntry>;

/**
 * What only the console sees of a pain-point round: who waits for the next batch, the queue, and the
 * moderation log.
 */
export const Moderation = z.object({
  /**
   * How many participants have entries waiting for the next release, in whole steps of k (core AN12):
   * 0 until k people wrote, then k, 2k, …, so the count never moves with one person's submission. (An
   * older store's inbox adds its entries.)
   */
  waiting: z.number().int().nonnegative(),
  /** Released entries waiting for approval, when the round pre-moderates. */
  queue: z.array(QueuedPoint),
  /** ML1: the moderation log, oldest first. */
  log: z.array(ModerationLogEntry),
});
export type Moderation = z.infer<typeof Moderation>;

/**
 * Themes suggested for a wall (core SPEC SU): entry ids only, each in at most one group. Only entries
 * the wall shows the facilitator: no author, no waiting entry.
 */
export const ThemeSuggestions = z.object({
  /** For each of the round's themes that gets entries: the entries proposed for it. */
  themes: z.array(z.object({ themeId: LocalId, pointIds: z.array(PointId) })),
  /** Entries that fit no theme, grouped, each group with a proposed label. */
  newThemes: z.array(z.object({ label: z.string(), pointIds: z.array(PointId) })),
});
export type ThemeSuggestions = z.infer<typeof ThemeSuggestions>;
