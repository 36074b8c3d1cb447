import type { SessionStatus } from '@vrijuit/protocol';
import { closeRound } from './decide.ts';
import { periodEvents } from './decide-results-page.ts';
import { accept, reject, type Decision, type DomainError } from './result.ts';
import type { SessionState } from './state.ts';

/**
 * A session's life (SPEC LC1-LC7). The status is what the facilitator says about the workshop as a
 * whole: phones may wait in a draft, take part while it is live, are thanked once it is closed, and an
 * archived session is kept read-only for everyone.
 */

type Done = Record<string, never>;

/** LC1: the moves allowed from each status; everything else is SESSION_STATE. */
const TRANSITIONS: Readonly<Record<SessionStatus, readonly SessionStatus[]>> = {
  draft: ['live'],
  live: ['closed'],
  closed: ['live', 'archived'],
  archived: ['closed'],
};

/** Whether the session no longer takes part from phones (LC4). */
export const hasEnded = (state: SessionState) => state.status === 'closed' || state.status === 'archived';

/**
 * LC1, LC2: move the session to `status`. Moving to the status it has changes nothing (a double click
 * is no error). Closing closes the open round exactly as round:close does (RO3, AN1): results kept,
 * ballots dropped, waiting pain points released. RP2: closing at `now` starts the results page's period.
 */
export function setSessionStatus(state: SessionState, input: { status: SessionStatus; now: number }): Decision<Done> {
  if (state.status === input.status) return accept([], {});
  if (!TRANSITIONS[state.status].includes(input.status)) {
    return reject('SESSION_STATE', `a ${state.status} session cannot become ${input.status}`);
  }
  const closing =
    input.status === 'closed'
      ? state.rounds
          .filter((r) => r.status === 'open')
          .flatMap((r) => {
            const decision = closeRound(state, { roundId: r.id });
            return decision.ok ? decision.events : [];
          })
      : [];
  return accept(
    [
      ...closing,
      ...periodEvents(state, input.status, input.now),
      { type: 'session:status-changed', status: input.status },
    ],
    {},
  );
}

/**
 * LC3: what opening a round means for the session: a draft session goes live with it (in the same
 * decision); a closed one must be reopened first; an archived one is refused before (LC5).
 */
export function openingRoundIn(state: SessionState): Decision<Done> {
  if (state.status === 'draft') return accept([{ type: 'session:status-changed', status: 'live' }], {});
  if (state.status !== 'live') return reject('SESSION_STATE', `reopen the ${state.status} session first`);
  return accept([], {});
}

/**
 * LC4, LC5: whether the session refuses a command of this role at all, before its own rules: phones
 * (joins included) once the session has ended, the facilitator's changes once it is archived.
 */
export function lifecycleRefusal(state: SessionState, role: 'participant' | 'facilitator'): DomainError | null {
  if (role === 'participant' && hasEnded(state)) {
    return { code: 'SESSION_CLOSED', message: 'the session has ended' };
  }
  if (role === 'facilitator' && state.status === 'archived') {
    return { code: 'SESSION_STATE', message: 'the session is archived (read-only); unarchive it first' };
  }
  return null;
}

/** LC6: deleting a session is confirmed by typing its title, exactly. */
export function confirmDeletion(state: SessionState, input: { title: string }): Decision<Done> {
  if (input.title !== state.title) return reject('TITLE_MISMATCH', 'the title does not match; nothing was deleted');
  return accept([], {});
}
