import {
  addTheme,
  approvePainPoints,
  castVote,
  closeRound,
  createRound,
  createSession,
  currentRound,
  facilitatorView,
  findParticipantByToken,
  hidePainPoint,
  joinParticipant,
  lockRound,
  mergePainPoint,
  openRound,
  participantSelf,
  participantView,
  projectorView,
  reject,
  rerunRound,
  sessionInfo,
  revealRound,
  saveTextVersion,
  setTimer,
  submitPainPoint,
  supportPainPoint,
  themePainPoint,
  type Decision,
  type Participant,
  type SessionState,
} from '@vrijuit/core';
import type {
  Ack,
  CommandInput,
  CommandName,
  CommandResult,
  ParticipantSelf,
  ParticipantView,
} from '@vrijuit/protocol';
import * as Y from 'yjs';
import { textDocName } from '@vrijuit/protocol';
import type { SessionHub } from './session-hub.ts';
import { hashToken, randomId, randomJoinCode, randomSecret, voterKey } from './secrets.ts';
import type { Store } from './store/store.ts';
import type { YjsStore } from './store/yjs-store.ts';

/** Who a connection is, once it has joined, resumed or attached. */
export type Identity =
  | { role: 'participant'; sessionId: string; participantId: string }
  | { role: 'facilitator'; sessionId: string }
  | { role: 'projector'; sessionId: string };

export interface HandlerDeps {
  hub: SessionHub;
  store: Store & YjsStore;
  /** Phones connected to a session right now (for the facilitator view). */
  online(sessionId: string): number;
  /** The clock (epoch ms), injected so tests can move time. */
  now(): number;
}

export interface HandlerResult<T> {
  ack: Ack<T>;
  /** Set when the command established who the connection is. */
  identity?: Identity;
}

type Handler<N extends CommandName> = (
  input: CommandInput<N>,
  identity: Identity | null,
  deps: HandlerDeps,
) => Promise<HandlerResult<CommandResult<N>>>;

const fail = (code: Parameters<typeof reject>[0], message: string) => ({ ack: reject(code, message) as Ack<never> });

function selfOf(state: SessionState, participant: Participant): ParticipantSelf {
  const round = currentRound(state);
  const key = round?.voterSecret ? voterKey(round.voterSecret, participant.id) : null;
  return participantSelf(state, participant, key);
}

function participantState(
  state: SessionState,
  participant: Participant,
  now: number,
): { view: ParticipantView; self: ParticipantSelf } {
  return { view: participantView(state, now), self: selfOf(state, participant) };
}

/** A join code is unique among sessions; collisions (1 in ~10^9 per pair) are retried. */
async function freshJoinCode(store: Store): Promise<string> {
  for (;;) {
    const code = randomJoinCode();
    if (!(await store.sessionIdByJoinCode(code))) return code;
  }
}

/** The handler table: one entry per command. Parsing and role checks happen before (realtime.ts). */
export const handlers: { [N in CommandName]: Handler<N> } = {
  'session:create': async (input, _identity, { hub, store }) => {
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
        facilitatorTokenHash: hashToken(input.facilitatorToken),
      }),
    );
    if (!ack.ok) return { ack };
    // A retry answers from the command log; only the same facilitator token may have the session (S3).
    const state = await hub.state(ack.value.sessionId);
    if (state?.facilitatorTokenHash !== hashToken(input.facilitatorToken)) {
      return fail('FORBIDDEN', 'wrong facilitator token');
    }
    return { ack, identity: { role: 'facilitator', sessionId: ack.value.sessionId } };
  },

  'session:lookup': async (input, _identity, { hub, store }) => {
    const sessionId = await store.sessionIdByJoinCode(input.joinCode);
    const state = sessionId ? await hub.state(sessionId) : null;
    if (!state) return fail('SESSION_NOT_FOUND', 'no session with this code');
    return { ack: { ok: true, value: sessionInfo(state) } };
  },

  'participant:join': async (input, _identity, { hub, store, now }) => {
    const sessionId = await store.sessionIdByJoinCode(input.joinCode);
    if (!sessionId) return fail('SESSION_NOT_FOUND', 'no session with this code');
    const tokenHash = hashToken(input.token);
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
    return {
      ack: { ok: true, value: participantState(state, joined.value, now()) },
      identity: { role: 'participant', sessionId, participantId: joined.value.id },
    };
  },

  'participant:resume': async (input, _identity, { hub, now }) => {
    const state = await hub.state(input.sessionId);
    if (!state) return fail('SESSION_NOT_FOUND', 'no such session');
    const participant = findParticipantByToken(state, hashToken(input.token));
    if (!participant) return fail('FORBIDDEN', 'unknown participant token');
    return {
      ack: { ok: true, value: participantState(state, participant, now()) },
      identity: { role: 'participant', sessionId: state.id, participantId: participant.id },
    };
  },

  'facilitator:attach': async (input, _identity, { hub, online, now }) => {
    const state = await hub.state(input.sessionId);
    if (!state) return fail('SESSION_NOT_FOUND', 'no such session');
    if (state.facilitatorTokenHash !== hashToken(input.token)) return fail('FORBIDDEN', 'wrong facilitator token');
    return {
      ack: { ok: true, value: facilitatorView(state, online(state.id), now()) },
      identity: { role: 'facilitator', sessionId: state.id },
    };
  },

  'projector:attach': async (input, _identity, { hub, now }) => {
    const state = await hub.state(input.sessionId);
    if (!state) return fail('SESSION_NOT_FOUND', 'no such session');
    if (state.facilitatorTokenHash !== hashToken(input.token)) return fail('FORBIDDEN', 'wrong facilitator token');
    return {
      ack: { ok: true, value: projectorView(state, now()) },
      identity: { role: 'projector', sessionId: state.id },
    };
  },

  'round:create': (input, identity, { hub }) => {
    const roundId = randomId();
    return onSession(hub, identity, input.commandId, (state) =>
      createRound(state, {
        roundId,
        question: input.question,
        options: input.options,
        config: input.config,
        reveal: input.reveal,
        durationSeconds: input.durationSeconds,
      }),
    );
  },

  'round:open': (input, identity, { hub, now }) =>
    onSession(hub, identity, input.commandId, (state) =>
      openRound(state, { roundId: input.roundId, voterSecret: randomSecret(), now: now() }),
    ),

  'round:timer': (input, identity, { hub, now }) =>
    onSession(hub, identity, input.commandId, (state) =>
      setTimer(state, { roundId: input.roundId, seconds: input.seconds, now: now() }),
    ),

  'round:lock': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) =>
      lockRound(state, { roundId: input.roundId, locked: input.locked }),
    ),

  'round:reveal': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) =>
      revealRound(state, { roundId: input.roundId, revealed: input.revealed }),
    ),

  'round:rerun': (input, identity, { hub }) => {
    const newRoundId = randomId();
    return onSession(hub, identity, input.commandId, (state) =>
      rerunRound(state, { roundId: input.roundId, newRoundId }),
    );
  },

  'round:close': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) => closeRound(state, { roundId: input.roundId })),

  'vote:cast': (input, identity, { hub }) =>
    asParticipant(hub, identity, input, (state, who) => castVote(state, { ...who, ballot: input.ballot })),

  'painpoint:submit': (input, identity, { hub }) => {
    const pointId = randomId();
    return asParticipant(hub, identity, input, (state, who) =>
      submitPainPoint(state, { ...who, pointId, text: input.text, themeId: input.themeId }),
    );
  },

  'painpoint:support': (input, identity, { hub }) =>
    asParticipant(hub, identity, input, (state, who) =>
      supportPainPoint(state, { ...who, pointId: input.pointId, supported: input.supported }),
    ),

  'painpoint:hide': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) =>
      hidePainPoint(state, { roundId: input.roundId, pointId: input.pointId, reason: input.reason }),
    ),

  'painpoint:approve': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) =>
      approvePainPoints(state, { roundId: input.roundId, pointIds: input.pointIds }),
    ),

  'painpoint:merge': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) =>
      mergePainPoint(state, { roundId: input.roundId, pointId: input.pointId, intoId: input.intoId }),
    ),

  'painpoint:theme': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) =>
      themePainPoint(state, { roundId: input.roundId, pointId: input.pointId, themeId: input.themeId }),
    ),

  'text:save-version': (input, identity, { hub, store }) => {
    const versionId = randomId();
    return onSession(hub, identity, input.commandId, (state) => {
      // TX3: the text as the store has it (every update is stored before anyone else sees it).
      const updates = store.yjsUpdates(state.id, textDocName(input.roundId, input.zoneId));
      const snapshot = updates.length > 0 ? Y.mergeUpdates(updates) : Y.encodeStateAsUpdate(new Y.Doc());
      return saveTextVersion(state, { ...input, versionId, snapshot });
    });
  },

  'text:get-version': async (input, identity, { hub, store }) => {
    const sessionId = sessionOf(identity);
    const state = await hub.state(sessionId);
    const round = state?.rounds.find((r) => r.id === input.roundId);
    const version = round?.versions.find((v) => v.id === input.versionId);
    const data = version ? store.textVersionData(sessionId, input.roundId, input.versionId) : null;
    if (!version || !data) return fail('VERSION_NOT_FOUND', 'no such version of this round');
    return {
      ack: {
        ok: true,
        value: {
          versionId: version.id,
          label: version.label,
          zoneId: version.zoneId,
          update: Buffer.from(data).toString('base64'),
        },
      },
    };
  },

  'painpoint:add-theme': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) =>
      addTheme(state, { roundId: input.roundId, label: input.label }),
    ),
};

/** Who sends a participant command, as core needs it: the participant and its voter key in the round (AN1). */
interface Voter {
  participantId: string;
  voterKey: string;
  roundId: string;
}

/**
 * Runs a participant's idempotent command in its session. The voter key is derived from the round's
 * secret here, so core never sees how; a round without a secret (not open) gets an empty key, and
 * core refuses the command for the round's state.
 */
async function asParticipant<T>(
  hub: SessionHub,
  identity: Identity | null,
  input: { commandId: string; roundId: string },
  decide: (state: SessionState, who: Voter) => Decision<T>,
): Promise<HandlerResult<T>> {
  if (identity?.role !== 'participant') return fail('NOT_JOINED', 'join the session first');
  const { participantId } = identity;
  return onSession(hub, identity, input.commandId, (state) => {
    const round = state.rounds.find((r) => r.id === input.roundId);
    const key = round?.voterSecret ? voterKey(round.voterSecret, participantId) : '';
    return decide(state, { participantId, voterKey: key, roundId: input.roundId });
  });
}

/**
 * Runs an idempotent command (its id scoped to the session) against the session of `identity`.
 * Facilitator commands reach their handler only after realtime.ts checked the role.
 */
async function onSession<T>(
  hub: SessionHub,
  identity: Identity | null,
  commandId: string,
  decide: (state: SessionState) => Decision<T>,
): Promise<HandlerResult<T>> {
  const sessionId = sessionOf(identity);
  const ack = await hub.execute(sessionId, { scope: sessionId, commandId }, (state) =>
    state ? decide(state) : missing(),
  );
  return { ack };
}

/** Facilitator commands reach their handler only after realtime.ts checked the role. */
function sessionOf(identity: Identity | null): string {
  if (!identity) throw new Error('role check missing before handler');
  return identity.sessionId;
}

function missing() {
  return reject('SESSION_NOT_FOUND', 'the session no longer exists');
}
