import type { ThemeSuggestions, VoteOption, WallPoint } from '@vrijuit/protocol';

/** One suggested group as the console lists it: into a theme of the round, or a new theme to add. */
export interface SuggestedGroup {
  /** Stable within one answer: `theme:<id>` or `new:<label>`. */
  key: string;
  /** The round's theme the entries go to, or null for a new theme named `label`. */
  themeId: string | null;
  label: string;
  points: WallPoint[];
}

/**
 * SU6: the server's suggestions as they still apply to the wall the console shows now: only entries
 * still on it, shown and without a theme (the facilitator may have moved or hidden some meanwhile); a
 * group left empty goes. A new theme whose label a theme of the round already has becomes that theme.
 */
export function suggestedGroups(
  suggestions: ThemeSuggestions,
  points: readonly WallPoint[],
  themes: readonly VoteOption[],
): SuggestedGroup[] {
  const open = new Map(points.filter((p) => p.hidden === null && p.themeId === null).map((p) => [p.id, p]));
  const pick = (ids: readonly string[]) => ids.flatMap((id) => open.get(id) ?? []);
  const same = (a: string, b: string) => a.trim().toLocaleLowerCase('nl-BE') === b.trim().toLocaleLowerCase('nl-BE');
  const groups: SuggestedGroup[] = [];
  for (const s of suggestions.themes) {
    const theme = themes.find((t) => t.id === s.themeId);
    if (theme)
      groups.push({ key: `theme:${theme.id}`, themeId: theme.id, label: theme.label, points: pick(s.pointIds) });
  }
  for (const s of suggestions.newThemes) {
    const theme = themes.find((t) => same(t.label, s.label));
    groups.push({
      key: `new:${s.label}`,
      themeId: theme?.id ?? null,
      label: theme?.label ?? s.label,
      points: pick(s.pointIds),
    });
  }
  return groups.filter((g) => g.points.length > 0);
}
