import type { VoteOption, WallPoint } from '@vrijuit/protocol';

export interface ThemeGroup {
  /** The theme's option id, or null for the entries without a theme. */
  readonly themeId: string | null;
  readonly label: string | null;
  readonly points: readonly WallPoint[];
}

/**
 * The wall as every screen shows it: one group per theme in the round's order (empty ones too, so the
 * console can drop entries into them), then the entries without a theme. Within a group, the most
 * supported first, hidden ones last, ties by id: ids are random, so no order on screen follows the
 * order people typed in (AN9). An entry tagged with an unknown theme counts as without one.
 */
export function arrangeWall(themes: readonly VoteOption[], points: readonly WallPoint[]): ThemeGroup[] {
  const known = new Set(themes.map((t) => t.id));
  const byTheme = new Map<string | null, WallPoint[]>();
  for (const point of points) {
    const key = point.themeId !== null && known.has(point.themeId) ? point.themeId : null;
    const list = byTheme.get(key) ?? [];
    list.push(point);
    byTheme.set(key, list);
  }
  const order = (a: WallPoint, b: WallPoint) =>
    Number(a.hidden !== null) - Number(b.hidden !== null) ||
    b.support - a.support ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const groups: ThemeGroup[] = themes.map((t) => ({
    themeId: t.id,
    label: t.label,
    points: (byTheme.get(t.id) ?? []).sort(order),
  }));
  const loose = byTheme.get(null);
  if (loose?.length) groups.push({ themeId: null, label: null, points: loose.sort(order) });
  return groups;
}
