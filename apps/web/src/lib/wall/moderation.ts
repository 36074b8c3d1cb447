import type { SessionSettings, VoteOption, WallPoint } from '@vrijuit/protocol';
import { FLOORS, LIMITS } from '@vrijuit/protocol/constants';

/**
 * The console's rules for moderating a pain-point wall, as pure functions: when new entries appear,
 * which entries a merge may target, whether a new theme's name is fine. The server checks the same
 * things; checking first keeps its refusals away from the facilitator.
 */

/**
 * AN13: how many distinct participants' inputs (ballots, "ik ook", pain points) the server stores, and
 * the screens count, together: the session's k, never fewer than the floor.
 */
export function batchSize(settings: Pick<SessionSettings, 'anonymityThreshold'>): number {
  return Math.max(FLOORS.anonymityThreshold, settings.anonymityThreshold);
}

/**
 * What the console says about new pain points (AN8, AN13): not how many wait (the server keeps them in
 * memory and says nothing, so the moment a count moves points at nobody), but when they appear: once
 * at least `k` participants wrote, at most every `seconds` s, and, when the session asks for more
 * entries than k people surely wrote, once `min` entries wait.
 */
export type ReleaseNote =
  | { kind: 'participants'; k: number; seconds: number }
  | { kind: 'participants-and-entries'; k: number; min: number; seconds: number };

export function releaseNote(
  settings: Pick<SessionSettings, 'anonymityThreshold' | 'releaseEverySeconds' | 'releaseMinEntries'>,
): ReleaseNote {
  const k = batchSize(settings);
  const seconds = settings.releaseEverySeconds;
  // k participants wrote at least k entries: a smaller minimum says nothing more.
  return settings.releaseMinEntries > k
    ? { kind: 'participants-and-entries', k, min: settings.releaseMinEntries, seconds }
    : { kind: 'participants', k, seconds };
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
