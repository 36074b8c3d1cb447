import type { ExportPainPoint, ExportTheme } from '@vrijuit/protocol';
import type { PainPoint, Round } from '../state.ts';
import { tableValues } from '../table.ts';
import { suggestedThemes } from './export-moderation.ts';

/**
 * A pain-point round for the export (PP, AN9): entries on the wall, hidden ones (and the duplicates
 * merged into them) left out, grouped by theme in the round's theme order, entries without a theme last.
 * Within a theme the most supported come first; equal support keeps the order of the random ids, so
 * nothing follows the order people typed in (A2).
 */
export function exportThemes(round: Round): { themes: ExportTheme[]; entries: number } {
  const all = tableValues(round.points);
  const byId = (a: PainPoint, b: PainPoint) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const shown = all
    .filter((p) => p.stage === 'wall' && p.mergedInto === null && !p.hidden)
    .sort((a, b) => b.support - a.support || byId(a, b));
  const mergedInto = (p: PainPoint): string[] =>
    all
      .filter((c) => c.mergedInto === p.id && !c.hidden)
      .sort(byId)
      .map((c) => c.text);

  const themeIds = new Set(round.options.map((o) => o.id));
  const themeOf = (p: PainPoint) => (p.themeId !== null && themeIds.has(p.themeId) ? p.themeId : null);
  const slots: { id: string | null; name: string | null }[] = [
    ...round.options.map((o) => ({ id: o.id, name: o.label })),
    { id: null, name: null },
  ];
  const suggested = suggestedThemes(round);
  let entries = 0;
  const themes: ExportTheme[] = [];
  for (const slot of slots) {
    const points: ExportPainPoint[] = shown
      .filter((p) => themeOf(p) === slot.id)
      .map((p) => ({ text: p.text, support: p.support, merged: mergedInto(p) }));
    if (points.length === 0) continue;
    entries += points.reduce((n, p) => n + 1 + p.merged.length, 0);
    themes.push({
      ...slot,
      support: points.reduce((n, p) => n + p.support, 0),
      points,
      suggested: slot.id !== null && suggested.has(slot.id),
    });
  }
  return { themes, entries };
}
