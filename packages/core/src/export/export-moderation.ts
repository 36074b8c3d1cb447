import type { ExportModeration, ModerationLogEntry } from '@vrijuit/protocol';
import type { Round } from '../state.ts';

type Row = Omit<ExportModeration, 'times'>;

/** One log line as a row of the published log: its action, its detail, the entries it touched. */
function rowOf(entry: ModerationLogEntry, themeName: (id: string | null) => string | null): Row {
  const none = { reason: null, theme: null };
  switch (entry.action) {
    case 'hidden':
      return { ...none, action: entry.queued ? 'rejected' : 'hidden', reason: entry.reason, entries: 1 };
    case 'shown':
      return { ...none, action: 'shown', entries: 1 };
    case 'approved':
    case 'merged':
      return { ...none, action: entry.action, entries: entry.entries };
    case 'themed':
      return { ...none, action: 'themed', theme: themeName(entry.themeId), entries: 1 };
    case 'suggestion-accepted':
      return { ...none, action: 'suggestion-accepted', theme: themeName(entry.themeId), entries: entry.entries };
  }
}

/**
 * ML3: a wall's moderation log as the export publishes it: summed by action and detail (hide reason or
 * theme), rows in the order their first line came in the log. Counts only: no author, text or time.
 */
export function exportModeration(round: Round): ExportModeration[] {
  const names = new Map(round.options.map((o) => [o.id, o.label]));
  const themeName = (id: string | null) => (id === null ? null : (names.get(id) ?? null));
  const rows = new Map<string, ExportModeration>();
  for (const entry of round.moderation ?? []) {
    const row = rowOf(entry, themeName);
    const key = JSON.stringify([row.action, row.reason, row.theme]);
    const seen = rows.get(key);
    rows.set(
      key,
      seen ? { ...seen, times: seen.times + 1, entries: seen.entries + row.entries } : { ...row, times: 1 },
    );
  }
  return [...rows.values()];
}

/** ML4: the themes that got entries from a suggestion the facilitator accepted. */
export function suggestedThemes(round: Round): ReadonlySet<string> {
  return new Set((round.moderation ?? []).flatMap((e) => (e.action === 'suggestion-accepted' ? [e.themeId] : [])));
}
