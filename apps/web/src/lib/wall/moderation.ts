import type { SessionSettings, VoteOption, WallPoint } from '@vrijuit/protocol';
import { LIMITS } from '@vrijuit/protocol/constants';

/**
 * The console's rules for moderating a pain-point wall, as pure functions: what the waiting count
 * means, which entries a merge may target, whether a new theme's name is fine. The server checks the
 * same things; checking first keeps its refusals away from the facilitator.
 */

/** What the console says about entries waiting for the next shuffled batch (AN8). */
export type ReleaseNote =
  | { kind: 'none' }
  /** Enough wait: they appear together within one release period. */
  | { kind: 'soon'; waiting: number; seconds: number }
  /** Too few wait: they appear once `min` wait, or when the round closes. */
  | { kind: 'more'; waiting: number; min: number };

export function releaseNote(
  waiting: number,
  settings: Pick<SessionSettings, 'releaseEverySeconds' | 'releaseMinEntries'>,
): ReleaseNote {
  if (waiting <= 0) return { kind: 'none' };
  return waiting >= settings.releaseMinEntries
    ? { kind: 'soon', waiting, seconds: settings.releaseEverySeconds }
    : { kind: 'more', waiting, min: settings.releaseMinEntries };
}

/** Only shown entries merge, into another shown entry (the server refuses hidden ones). */
export const canMerge = (point: WallPoint): boolean => point.hidden === null;

/** The entries `point` may be merged into: the other shown entries, those of its own theme first. */
export function mergeTargets(points: readonly WallPoint[], point: WallPoint): WallPoint[] {
  if (!canMerge(point)) return [];
  const others = points.filter((p) => p.id !== point.id && canMerge(p));
  const same = others.filter((p) => p.themeId === point.themeId);
  const rest = others.filter((p) => p.themeId !== point.themeId);
  const order = (a: WallPoint, b: WallPoint) => b.support - a.support || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return [...same.sort(order), ...rest.sort(order)];
}

export type ThemeLabelProblem =
  | { code: 'missing' }
  | { code: 'too-long'; max: number }
  | { code: 'duplicate'; label: string }
  | { code: 'too-many'; max: number };

/** A new theme's name, trimmed, or why it cannot be added. */
export function checkThemeLabel(
  label: string,
  themes: readonly VoteOption[],
): { label: string; problem: null } | { label: null; problem: ThemeLabelProblem } {
  const trimmed = label.trim();
  const fail = (problem: ThemeLabelProblem) => ({ label: null, problem }) as const;
  if (!trimmed) return fail({ code: 'missing' });
  if (trimmed.length > LIMITS.optionLabel) return fail({ code: 'too-long', max: LIMITS.optionLabel });
  const same = themes.find((t) => t.label.toLocaleLowerCase() === trimmed.toLocaleLowerCase());
  if (same) return fail({ code: 'duplicate', label: same.label });
  if (themes.length >= LIMITS.options) return fail({ code: 'too-many', max: LIMITS.options });
  return { label: trimmed, problem: null };
}

/** A text cut to `max` characters on a word boundary, for menus that list other entries. */
export function shorten(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
