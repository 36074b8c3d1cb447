import { confirmDeletion, setSessionStatus } from '@vrijuit/core';
import type { lifecycleCommands } from '@vrijuit/protocol';
import { fail, inSession, type HandlerTable } from './handler-kit.ts';
import { GLOBAL_SCOPE } from './session-hub.ts';

/** A session's status (LC1-LC5) and deleting it with all its data (LC6, LC7). */
export const lifecycleHandlers: HandlerTable<keyof typeof lifecycleCommands> = {
  // Not onSession: an archived session refuses every facilitator command but this one (LC5).
  'session:status': (input, identity, { hub }) =>
    inSession(hub, identity, input.commandId, (state) => setSessionStatus(state, { status: input.status })),

  'session:delete': async (input, identity, { hub, store }) => {
    if (identity?.role !== 'facilitator') {
      // A retry of a delete that went through: the connection was detached with the session.
      const done = await store.commandResult(GLOBAL_SCOPE, input.commandId);
      if (done) return { ack: done.result as { ok: true; value: Record<string, never> } };
      return identity
        ? fail('FORBIDDEN', 'only the facilitator deletes a session')
        : fail('NOT_JOINED', 'attach first');
    }
    const ack = await hub.remove(identity.sessionId, input.commandId, (state) =>
      confirmDeletion(state, { title: input.title }),
    );
    return { ack };
  },
};
