import type { ModerationLogEntry, VoteOption } from '@vrijuit/protocol';
import { m } from '$lib/paraglide/messages.js';
import { boardReasonMessages } from '$lib/i18n/console-messages.ts';

/** The log's words for one kind of wall: a pain-point wall's entries, or a question round's questions (QA6). */
export interface LogWords {
  readonly intro: () => string;
  readonly empty: () => string;
  readonly hidden: (values: { reason: string }) => string;
  readonly rejected: (values: { reason: string }) => string;
  readonly shown: () => string;
  readonly approved: (values: { n: number }) => string;
  readonly merged: (values: { n: number }) => string;
}

export const PAIN_LOG_WORDS: LogWords = {
  intro: m['board.logIntro'],
  empty: m['board.logEmpty'],
  hidden: m['board.logHidden'],
  rejected: m['board.logRejected'],
  shown: m['board.logShown'],
  approved: m['board.logApproved'],
  merged: m['board.logMerged'],
};

export const QUESTION_LOG_WORDS: LogWords = {
  intro: m['questions.console.logIntro'],
  empty: m['questions.console.logEmpty'],
  hidden: m['questions.console.logHidden'],
  rejected: m['questions.console.logRejected'],
  shown: m['questions.console.logShown'],
  approved: m['questions.console.logApproved'],
  merged: m['questions.console.logMerged'],
};

/**
 * ML1: one line of the moderation log as the console reads it. The entry names an action, a reason or a
 * theme and a count, never an entry or its author, so neither can the line.
 */
export function logLine(
  entry: ModerationLogEntry,
  themes: readonly VoteOption[],
  words: LogWords = PAIN_LOG_WORDS,
): string {
  const theme = (id: string) => themes.find((o) => o.id === id)?.label ?? m['board.logRemovedTheme']();
  switch (entry.action) {
    case 'hidden': {
      const reason = boardReasonMessages[entry.reason]();
      return entry.queued ? words.rejected({ reason }) : words.hidden({ reason });
    }
    case 'shown':
      return words.shown();
    case 'approved':
      return words.approved({ n: entry.entries });
    case 'merged':
      return words.merged({ n: entry.entries });
    case 'themed':
      return entry.themeId === null ? m['board.logUnthemed']() : m['board.logThemed']({ theme: theme(entry.themeId) });
    case 'suggestion-accepted': {
      const values = { n: entry.entries, theme: theme(entry.themeId) };
      return entry.newTheme ? m['board.logSuggestionNew'](values) : m['board.logSuggestion'](values);
    }
  }
}
