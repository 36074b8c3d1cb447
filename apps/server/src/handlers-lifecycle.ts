import { confirmDeletion, reject, setResultsPage, setSessionStatus } from '@vrijuit/core';
import type { lifecycleCommands } from '@vrijuit/protocol';
import { fail, inSession, onSession, type HandlerTable } from './handler-kit.ts';
import { GLOBAL_SCOPE } from './store/store.ts';

/** A session's status (LC1-LC5) and deleting it with all its data (LC6, LC7). */
export const lifecycleHandlers: HandlerTable<keyof typeof lifecycleCommands> = {
  // Not onSession: an archived session refuses every facilitator command but this one (LC5).
  'session:status': (input, identity, { hub, now }) =>
    inSession(hub, identity, input.commandId, (state) => setSessionStatus(state, { status: input.status, now: now() })),

  // RP2, RP3: the results page's period and note; refused in an archived session (LC5, onSession).
  'session:results-page': (input, identity, { hub, now }) =>
    onSession(hub, identity, input.commandId, (state) =>
      setResultsPage(state, { days: input.days, note: input.note, now: now() }),
    ),

  // By `anyone` only so that a retry on a detached connection is answered; the checks of a facilitator
  // command (AC3) are made here, and only the owner deletes (AC2).
  'session:delete': async (input, identity, { hub, store, auth }) => {
    if (identity?.role !== 'facilitator') {
      // A retry of a delete that went through: the connection was detached with the session.
      const done = await store.commandResult(GLOBAL_SCOPE, input.commandId);
      if (done) return { ack: done.result as { ok: true; value: Record<string, never> } };
      return identity
        ? fail('FORBIDDEN', 'only the facilitator deletes a session')
        : fail('NOT_JOINED', 'attach first');
    }
    const verdict = await auth.authorise(identity.signIn, identity.sessionId);
    if (verdict !== 'ok') return fail(verdict, verdict === 'UNAUTHENTICATED' ? 'sign in again' : 'no access');
    const who = await auth.byHash(identity.signIn);
    const ack = await hub.remove(identity.sessionId, input.commandId, (state) =>
      state.ownerAccountId === who?.account.id
        ? confirmDeletion(state, { title: input.title })
        : reject('FORBIDDEN', 'only the owner deletes a session'),
    );
    return { ack };
  },
};
