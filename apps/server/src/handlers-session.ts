import {
  createSession,
  currentRound,
  facilitatorView,
  findParticipantByToken,
  joinParticipant,
  participantSelf,
  participantView,
  placeBallots,
  projectorView,
  reject,
  type Participant,
  type SessionState,
} from '@vrijuit/core';
import type { ParticipantSelf, ParticipantView, sessionCommands } from '@vrijuit/protocol';
import { fail, routedElsewhere, type HandlerTable } from './handler-kit.ts';
import { infoOf } from './join-lookup.ts';
import { atTheDoor } from './handlers-door.ts';
import { hashToken, participantSecret, randomId, randomJoinCode, voterKeysOf } from './secrets.ts';
import type { Store } from './store/store.ts';
import type { SessionHub } from './session-hub.ts';

function selfOf(state: SessionState, participant: Participant, keyOf: (roundId: string) => string): ParticipantSelf {
  const round = currentRound(state);
  return participantSelf(state, participant, round ? keyOf(round.id) : null);
}

/**
 * The room's view comes from the stored state (AN12); the phone's own ballot and supports from the live
 * state, which holds its inputs still waiting for their batch too (AN13).
 */
function participantState(
  hub: SessionHub,
  state: SessionState,
  participant: Participant,
  keyOf: (roundId: string) => string,
  now: number,
): { view: ParticipantView; self: ParticipantSelf } {
  return { view: participantView(state, now), self: selfOf(hub.live(state.id) ?? state, participant, keyOf) };
}

/** A join code is unique among sessions; collisions (1 in ~10^9 per pair) are retried. */
async function freshJoinCode(store: Store): Promise<string> {
  for (;;) {
    const code = randomJoinCode();
    if (!(await store.sessionIdByJoinCode(code))) return code;
  }
}

/** Creating, finding and joining sessions; attaching consoles and projectors. */
export const sessionHandlers: HandlerTable<keyof typeof sessionCommands> = {
  'session:create': async (input, _identity, { hub, store, account, auth, routing }) => {
    if (!account) return fail('UNAUTHENTICATED', 'sign in first');
    const sessionId = randomId();
    const joinCode = await freshJoinCode(store);
    const ack = await hub.execute(sessionId, { scope: 'global', commandId: input.commandId }, () =>
      createSession({
        sessionId,
        joinCode,
        title: input.title,
        zones: input.zones,
        anonymityThreshold: input.anonymityThreshold,
        weighted: input.weighted,
        releaseEverySeconds: input.releaseEverySeconds,
        releaseMinEntries: input.releaseMinEntries,
        plainLanguage: input.plainLanguage,
        ownerAccountId: account.account.id,
        description: input.description,
        date: input.date,
        language: input.language,
        agenda: input.agenda,
        roundIds: input.agenda.map(() => randomId()),
      }),
    );
    if (!ack.ok) return { ack };
    // A retry answers from the command log; only the account that made the session may have it (AC1). Read
    // from memory or the accounts' table, not by loading the session (RT3: it may be another process's now).
    const made = ack.value.sessionId;
    const owner = hub.cached(made)?.ownerAccountId ?? (await auth.store.ownerOf(made));
    if (owner !== account.account.id) return fail('FORBIDDEN', 'another account made this session');
    // RT3: with leases, a new session goes to the process its key routes to: this one lets it go at once.
    if (routing) await hub.letGo(made);
    return { ack, identity: { role: 'facilitator', sessionId: made, signIn: account.tokenHash } };
  },

  'session:lookup': async (input, _identity, { hub, store }) => {
    const sessionId = await store.sessionIdByJoinCode(input.joinCode);
    const info = sessionId ? await infoOf({ hub, store }, sessionId) : null;
    if (!info) return fail('SESSION_NOT_FOUND', 'no session with this code');
    return { ack: { ok: true, value: info } };
  },

  'participant:join': async (input, _identity, deps) => {
    const { hub, store, now, address, newJoins, joinCodes } = deps;
    const sessionId = await store.sessionIdByJoinCode(input.joinCode);
    if (!sessionId) return fail('SESSION_NOT_FOUND', 'no session with this code');
    const elsewhere = routedElsewhere(deps, sessionId);
    if (elsewhere) return elsewhere;
    const tokenHash = hashToken(input.token);
    // DO1-DO7: a new phone may have to wait at the door, or be over its address's limit (handlers-door.ts).
    const door = await atTheDoor({ hub, address, newJoins, joinCodes }, sessionId, tokenHash, input);
    if (door) return door;
    const joined = await hub.execute(sessionId, null, (state) =>
      state
        ? joinParticipant(state, {
            participantId: randomId(),
            tokenHash,
            zoneId: input.zoneId,
            municipalityId: input.municipalityId ?? null,
            name: input.name ?? '',
          })
        : reject('SESSION_NOT_FOUND', 'no session with this code'),
    );
    if (!joined.ok) return { ack: joined };
    const state = await hub.state(sessionId);
    if (!state) return fail('SESSION_NOT_FOUND', 'no session with this code');
    const secret = participantSecret(input.token);
    return {
      ack: { ok: true, value: participantState(hub, state, joined.value, voterKeysOf(secret, sessionId), now()) },
      identity: { role: 'participant', sessionId, participantId: joined.value.id, secret },
    };
  },

  'participant:resume': async (input, _identity, deps) => {
    const { hub, now } = deps;
    const elsewhere = routedElsewhere(deps, input.sessionId);
    if (elsewhere) return elsewhere;
    const state = await hub.state(input.sessionId);
    if (!state) return fail('SESSION_NOT_FOUND', 'no such session');
    const participant = findParticipantByToken(state, hashToken(input.token));
    if (!participant) return fail('FORBIDDEN', 'unknown participant token');
    const secret = participantSecret(input.token);
    const keyOf = voterKeysOf(secret, state.id);
    // AN16: after a restart its stored ballots come back without groups; the phone's return places them.
    await hub.inMemory(state.id, placeBallots(state, participant, keyOf));
    return {
      ack: { ok: true, value: participantState(hub, state, participant, keyOf, now()) },
      identity: { role: 'participant', sessionId: state.id, participantId: participant.id, secret },
    };
  },

  'facilitator:attach': async (input, _identity, { hub, online, onlineByZone, now, auth, account, routing }) => {
    if (!account) return fail('UNAUTHENTICATED', 'sign in first');
    const elsewhere = routedElsewhere({ routing }, input.sessionId);
    if (elsewhere) return elsewhere;
    const state = await hub.state(input.sessionId);
    if (!state) return fail('SESSION_NOT_FOUND', 'no such session');
    if (!(await auth.canReach(account.account, state.id))) return fail('FORBIDDEN', 'not your session (AC2)');
    return {
      ack: {
        ok: true,
        value: facilitatorView(state, online(state.id), now(), onlineByZone(state.id), hub.waitingPeople(state.id)),
      },
      identity: { role: 'facilitator', sessionId: state.id, signIn: account.tokenHash },
    };
  },

  'projector:attach': async (input, _identity, { hub, now, auth, account, routing }) => {
    if (!account) return fail('UNAUTHENTICATED', 'sign in first');
    const elsewhere = routedElsewhere({ routing }, input.sessionId);
    if (elsewhere) return elsewhere;
    const state = await hub.state(input.sessionId);
    if (!state) return fail('SESSION_NOT_FOUND', 'no such session');
    if (!(await auth.canReach(account.account, state.id))) return fail('FORBIDDEN', 'not your session (AC2)');
    return {
      ack: { ok: true, value: projectorView(state, now()) },
      identity: { role: 'projector', sessionId: state.id, signIn: account.tokenHash },
    };
  },
};
