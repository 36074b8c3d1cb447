import { RESULTS_NOTE_MAX, RESULTS_PAGE_DAYS, type ResultsPageSettings, type SessionStatus } from '@vrijuit/protocol';
import type { DomainEvent } from './events.ts';
import { accept, reject, type Decision } from './result.ts';
import type { SessionState } from './state.ts';

/**
 * The results page after the session (SPEC RP1-RP8): its settings and when its period starts. The page
 * itself is project-results-page.ts.
 */

type Done = Record<string, never>;

/** RP2: a session that never set its page has the defaults. */
export const DEFAULT_RESULTS_PAGE: ResultsPageSettings = { days: RESULTS_PAGE_DAYS.default, note: '', closedAt: null };

export const resultsPageOf = (state: SessionState): ResultsPageSettings => state.resultsPage ?? DEFAULT_RESULTS_PAGE;

const same = (a: ResultsPageSettings, b: ResultsPageSettings) =>
  a.days === b.days && a.note === b.note && a.closedAt === b.closedAt;

function set(state: SessionState, next: ResultsPageSettings): DomainEvent[] {
  return same(resultsPageOf(state), next) ? [] : [{ type: 'session:results-page-set', resultsPage: next }];
}

/**
 * RP2: what a move of the session's status does to the period. Closing a live session starts it at
 * `now`; reopening ends it (the page is gone while the session runs, and starts afresh at the next
 * close); archiving and taking out of the archive leave it as it is.
 */
export function periodEvents(state: SessionState, to: SessionStatus, now: number): DomainEvent[] {
  const page = resultsPageOf(state);
  if (state.status === 'live' && to === 'closed') return set(state, { ...page, closedAt: now });
  if (state.status === 'closed' && to === 'live') return set(state, { ...page, closedAt: null });
  return [];
}

/**
 * RP2, RP3: the facilitator sets the period (days, 0 for no page) and the follow-up note (trimmed).
 * A session that ended before it kept a closing time (closedAt null) starts its period now. The
 * command is refused in an archived session before this (LC5); setting what is set changes nothing.
 */
export function setResultsPage(
  state: SessionState,
  input: { days: number; note: string; now: number },
): Decision<Done> {
  if (!Number.isInteger(input.days) || input.days < 0 || input.days > RESULTS_PAGE_DAYS.max) {
    return reject('BAD_REQUEST', `days must be a whole number from 0 to ${RESULTS_PAGE_DAYS.max}`);
  }
  if (input.note.length > RESULTS_NOTE_MAX) return reject('BAD_REQUEST', 'the note is too long');
  const page = resultsPageOf(state);
  const ended = state.status === 'closed' || state.status === 'archived';
  const closedAt = ended && page.closedAt === null ? input.now : page.closedAt;
  return accept(set(state, { days: input.days, note: input.note.trim(), closedAt }), {});
}
