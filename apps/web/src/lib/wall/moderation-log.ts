import type { ModerationLogEntry, VoteOption } from '@vrijuit/protocol';
import { m } from '$lib/paraglide/messages.js';
import { boardReasonMessages } from '$lib/i18n/console-messages.ts';

/**
 * ML1: one line of the moderation log as the console reads it. The entry names an action, a reason or a
 * theme and a count, never an entry or its author, so neither can the line.
 */
export function logLine(entry: ModerationLogEntry, themes: readonly VoteOption[]): string {
  const theme = (id: string) => themes.find((o) => o.id === id)?.label ?? m['board.logRemovedTheme']();
  switch (entry.action) {
    case 'hidden': {
      const reason = boardReasonMessages[entry.reason]();
      return entry.queued ? m['board.logRejected']({ reason }) : m['board.logHidden']({ reason });
    }
    case 'shown':
      return m['board.logShown']();
    case 'approved':
      return m['board.logApproved']({ n: entry.entries });
    case 'merged':
      return m['board.logMerged']({ n: entry.entries });
    case 'themed':
      return entry.themeId === null ? m['board.logUnthemed']() : m['board.logThemed']({ theme: theme(entry.themeId) });
    case 'suggestion-accepted': {
      const values = { n: entry.entries, theme: theme(entry.themeId) };
      return entry.newTheme ? m['board.logSuggestionNew'](values) : m['board.logSuggestion'](values);
    }
  }
}
