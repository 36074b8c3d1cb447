import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import {
  commands,
  FLOORED_SETTINGS,
  FLOORS,
  isCommandName,
  RATE_LIMITS,
  ROUTING_PARAM,
  type Ack,
  type ClientToServerEvents,
  type CommandName,
  type ErrorCode,
  type ServerToClientEvents,
} from '@vrijuit/protocol';
import { participantById } from '@vrijuit/core';
import { handlers, type HandlerDeps, type HandlerResult, type Identity } from './handlers.ts';
import type { Logger } from './log.ts';
import { TokenBucket, takeFromWindow, type Window } from './rate-limit.ts';
import type { JoinCodeLimiter } from './join-code-guard.ts';
import { limitKey } from './client-address.ts';
import { doorNotices, doorRoom } from './handlers-door.ts';
import type { SessionHub } from './session-hub.ts';
import type { Store } from './store/store.ts';
import type { YjsStore } from './store/yjs-store.ts';
import { isOriginAllowed } from './origin.ts';
import { Broadcaster, rooms } from './broadcaster.ts';
import type { RoundTimers } from './round-timers.ts';
import type { PainPointRelease } from './pain-point-release.ts';
import { OnlineCount } from './online-count.ts';
import type { Auth } from './auth/auth.ts';
import { signInToken } from './auth/cookies.ts';
import type { z } from 'zod';
import type { YjsTickets } from './yjs-tickets.ts';
import type { CommandRelay, ForwardedAnswer, ForwardedCommand, HereNotice } from './cluster/command-relay.ts';
import { RemoteConnections, type RemoteConnection } from './cluster/remote-connections.ts';

interface SocketData {
  identity: Identity | null;
  /** The zone this socket counts in while it is a participant (ST6), or null. */
  zoneId: string | null;
  /** The client's address as limits count it (NE1). */
  address: string;
  /** The sign-in cookie the handshake carried, if any. */
  cookieToken: string | null;
  /** This connection's commands in the current second (RATE_LIMITS.commandsPerSecond). */
  commands: Window;
  /** RT1: the session the connection was opened for (its handshake's `session`), or null. */
  routingKey: string | null;
  /** CL2: the identity was given by the session's owner on another process (its commands go there). */
  servedElsewhere: boolean;
}

type VrijuitServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type VrijuitSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const roomOf = (identity: Identity) =>
  identity.role === 'participant'
    ? rooms.participants(identity.sessionId)
    : identity.role === 'facilitator'
      ? rooms.facilitators(identity.sessionId)
      : rooms.projectors(identity.sessionId);

/**
 * AN20, AN21: whether a payload failed only because a protection was set under its floor (every issue a
 * `too_small` at a floored setting's floor), so the client hears the typed `BELOW_FLOOR` and can say which,
 * not a bare `BAD_REQUEST`.
 */
function onlyBelowFloors(issues: readonly z.core.$ZodIssue[]): boolean {
  return issues.every((issue) => {
    const key = issue.path[issue.path.length - 1];
    const floored = FLOORED_SETTINGS.find((k) => k === key);
    return issue.code === 'too_small' && floored !== undefined && Number(issue.minimum) === FLOORS[floored];
  });
}

function errorAck(code: ErrorCode, message: string, issues?: { path: string; message: string }[]): Ack<never> {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } };
}

const retryAck = (message: string, waitMs: number): Ack<never> => ({
  ok: false,
  error: { code: 'RATE_LIMITED', message, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) },
});
/** CL2: the commands that give a connection its identity: with Redis, run at the owner of its routing key's session. */
const IDENTIFYING: ReadonlySet<CommandName> = new Set<CommandName>([
  'participant:join',
  'participant:resume',
  'facilitator:attach',
  'projector:attach',
]);

/** PR2: how long a stop waits for the clients to acknowledge `server:stopping`. */
const STOP_NOTICE_MS = 2000;

export interface RealtimeOptions {
  hub: SessionHub;
  store: Store;
  /** The co-edited texts' log, read synchronously (yjs-store.ts). */
  texts: YjsStore;
  log: Logger;
  allowedOrigins: readonly string[];
  /** NE1: a handshake's client address, by the same rule as express's `req.ip` (client-address.ts). */
  clientAddress: (req: IncomingMessage) => string;
  joinCodes: JoinCodeLimiter;
  /** DO6: joins of tokens new to a session, per address. */
  newJoins: TokenBucket;
  auth: Auth;
  timers: RoundTimers;
  release: PainPointRelease;
  now: () => number;
  /** TX5: the Yjs endpoint's one-time tickets (text:ticket). */
  tickets: YjsTickets;
  /** RT2, RT3: the store has leases (several processes behind a proxy that routes by session). */
  leases: boolean;
  /**
   * CL1-CL5 (REDIS_URL): one session's connections on any process. The socket.io adapter that reaches
   * every process's sockets, the relay of commands to their session's owner, and whether this process
   * owns a session (holds its lease). Null with one process, or several without Redis.
   */
  cluster: {
    adapter: NonNullable<ServerOptions['adapter']>;
    relay: CommandRelay;
    owns(sessionId: string): boolean;
  } | null;
}

export interface Realtime {
  io: VrijuitServer;
  broadcaster: Broadcaster;
  /**
   * PR2: stops taking commands and connections, tells every connection (`server:stopping`), and resolves
   * once every command taken before has been answered (committed first: the handlers ack after the commit).
   */
  stopCommands(): Promise<void>;
  /** PL7: closes the connections of a session that moved to another process (they reconnect there). */
  dropSession(sessionId: string): void;
  /** CL2: starts answering the commands other processes forward to this one (with `cluster` only). */
  answerForwarded(): Promise<void>;
  /** CL7: this process has just taken the session: it counts the session's connections on every process. */
  claim(sessionId: string): void;
  /** CL8: forgets the connections of the processes `alive` says have stopped. */
  forgetStoppedProcesses(alive: (process: string) => Promise<boolean>): Promise<void>;
}

export function attachRealtime(http: HttpServer, options: RealtimeOptions): Realtime {
  const { hub, store, log, now } = options;
  /** PR2: set by stopCommands(); commands and connections after it are refused. */
  let stopping = false;
  /** PR2: commands taken and not answered yet. */
  const answering = new Set<Promise<void>>();
  const io: VrijuitServer = new Server(http, {
    // Other upgrades (the Yjs endpoint) are handled by their own listener (toolchain.md).
    destroyUpgrade: false,
    // Compression multiplies memory per client (targets.md); keep it off.
    perMessageDeflate: false,
    httpCompression: false,
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    // CL1: with Redis, a room's view reaches the sockets of every process in it.
    ...(options.cluster ? { adapter: options.cluster.adapter } : {}),
    allowRequest: (req: IncomingMessage, callback) =>
      stopping ? callback('server stopping', false) : callback(null, isOriginAllowed(req, options.allowedOrigins)),
  });

  const cluster = options.cluster;
  /** CL5: at an owner, the participants whose connections sit on other processes. */
  const remote = new RemoteConnections();
  const online = (sessionId: string) =>
    (io.sockets.adapter.rooms.get(rooms.participants(sessionId))?.size ?? 0) + remote.count(sessionId);
  const onlineCount = new OnlineCount();
  const onlineByZone = (sessionId: string) => onlineCount.byZone(sessionId);
  const deps: HandlerDeps = {
    hub,
    store,
    texts: options.texts,
    online,
    onlineByZone,
    now,
    auth: options.auth,
    account: null,
    address: '',
    newJoins: options.newJoins,
    joinCodes: options.joinCodes,
    tickets: options.tickets,
    socketId: '',
    routing: null,
  };
  // DO8: every connection of one participant together gets one participant's share (memory only).
  // Real time, like the per-connection limit: a test's frozen clock must not freeze the limits.
  const perParticipant = new TokenBucket(RATE_LIMITS.commandsPerSecond, RATE_LIMITS.commandsPerSecond);
  const broadcaster = new Broadcaster(io, hub, log, now, online, onlineByZone);
  /** ST6: a participant socket counts in its zone from adoption until it leaves or becomes someone else. */
  const uncount = (s: VrijuitSocket) => {
    const identity = s.data.identity;
    if (identity?.role === 'participant' && s.data.zoneId !== null)
      onlineCount.remove(identity.sessionId, s.data.zoneId);
    s.data.zoneId = null;
  };
  hub.onChange((sessionId, events) => {
    broadcaster.changed(sessionId, events);
    // Only round events move a deadline; votes (the hot path) leave the timers alone.
    if (events.some((e) => e.type.startsWith('round:'))) void options.timers.watch(sessionId);
    // DO4: a phone waiting at the door hears that it was let in (it joins again) or turned away.
    for (const { tokenHash, admitted } of doorNotices(events)) {
      const room = doorRoom(sessionId, tokenHash);
      io.to(room).emit(admitted ? 'door:admitted' : 'door:turned-away', { sessionId });
      io.in(room).socketsLeave(room);
    }
  });
  hub.onWaiting((sessionId, stepped) => {
    void options.release.watch(sessionId);
    // AN12: the console hears of waiting entries only when k more people have some waiting.
    if (stepped) broadcaster.consoles(sessionId, false);
  });
  // RT3: a session that left memory has no view left to push here (with leases, loading it again for a
  // push would take its lease back from the process its clients are routed to).
  hub.onForget((sessionId) => broadcaster.forget(sessionId));
  // AN14: each socket hears which of its received inputs are now stored.
  hub.onStored((_sessionId, notices) => {
    // Straight to each socket: a room broadcast per socket costs ~20 µs, 20 ms for a release of 1,000 (P3).
    for (const [socketId, commandIds] of notices) {
      const local = io.sockets.sockets.get(socketId);
      if (local) local.emit('inputs:stored', { commandIds });
      // CL2: a forwarded input's connection is on another process: reached through the adapter.
      else if (cluster) io.to(socketId).emit('inputs:stored', { commandIds });
    }
  });

  // LC7: a deleted session's timers and pending updates go; every phone, console and projector hears
  // it is gone, then is no longer part of it (its next command needs a join or attach again).
  hub.onRemove({
    after: (sessionId) => {
      options.timers.forget(sessionId);
      options.release.forget(sessionId);
      broadcaster.forget(sessionId);
      for (const room of [rooms.participants, rooms.facilitators, rooms.projectors].map((r) => r(sessionId))) {
        io.to(room).emit('session:deleted', { sessionId });
        for (const id of io.sockets.adapter.rooms.get(room) ?? []) {
          const s = io.sockets.sockets.get(id);
          if (s) s.data.identity = null;
        }
        io.in(room).socketsLeave(room);
      }
    },
  });
  // A console or screen whose sign-in ended or whose share was withdrawn stops getting views at once
  // (SG5: out of its room before its sign-in is read again; back in, with a fresh view, only if the
  // sign-in and the access still hold); it keeps its identity, so its next message is refused with the
  // reason (AC3).
  options.auth.onRevoked(() => {
    for (const socket of io.sockets.sockets.values()) {
      const identity = socket.data.identity;
      if (!identity || identity.role === 'participant') continue;
      void socket.leave(roomOf(identity));
      void options.auth.authorise(identity.signIn, identity.sessionId).then((verdict) => {
        if (verdict !== 'ok' || !socket.connected || socket.data.identity !== identity) return;
        void socket.join(roomOf(identity));
        // CL1: a session owned elsewhere is not loaded here for it (its lease would move): its next view comes.
        if (!cluster || hub.cached(identity.sessionId)) broadcaster.consoles(identity.sessionId);
      });
    }
  });

  /**
   * P1, issue 17 item 4: one command path for every socket. What a connection needs of its own lives in
   * `socket.data` (a few fields), not in closures per command: a phone costs its socket, not ~50 listeners.
   */
  const dispatch = async (socket: VrijuitSocket, name: CommandName, raw: unknown): Promise<Ack<unknown>> => {
    const { data } = socket;
    if (!takeFromWindow(data.commands, RATE_LIMITS.commandsPerSecond, 1000, Date.now()))
      return errorAck('RATE_LIMITED', 'too many commands; slow down');
    const def = commands[name];
    const parsed = def.request.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      if (onlyBelowFloors(parsed.error.issues)) {
        return errorAck('BELOW_FLOOR', `${issues.map((i) => i.path).join(', ')} below the floor`, issues);
      }
      return errorAck('BAD_REQUEST', `invalid ${name} payload`, issues);
    }
    const identity = data.identity;
    let account: HandlerDeps['account'] = null;
    if (def.by === 'account') {
      account = await options.auth.signedIn(data.cookieToken);
      if (!account) return errorAck('UNAUTHENTICATED', 'sign in first');
    } else if (def.by !== 'anyone') {
      if (!identity) return errorAck('NOT_JOINED', 'join or attach to a session first');
      if (identity.role !== def.by) return errorAck('FORBIDDEN', `only a ${def.by} may send ${name}`);
      // AC3: a console's sign-in and its access are re-checked for every message, not only at attach.
      if (identity.role === 'facilitator') {
        const verdict = await options.auth.authorise(identity.signIn, identity.sessionId);
        if (verdict === 'UNAUTHENTICATED') return errorAck(verdict, 'the sign-in has ended; sign in again');
        if (verdict === 'FORBIDDEN') return errorAck(verdict, 'this account no longer has this session');
      }
    }
    if (identity?.role === 'participant' && !perParticipant.take(identity.participantId)) {
      return errorAck('RATE_LIMITED', 'too many commands from this participant; slow down');
    }
    // S5, NE6: only wrong codes cost, and each new participant from the address earns room for typos.
    const guessesCode = name === 'session:lookup' || name === 'participant:join';
    const codeWait = guessesCode ? await options.joinCodes.waitMs(data.address) : 0;
    if (codeWait > 0) return retryAck('too many wrong join codes; wait and try again', codeWait);
    const command = {
      name,
      input: parsed.data,
      identity,
      account,
      address: data.address,
      socketId: socket.id,
      routingKey: data.routingKey,
    };
    // CL2: a command for a session another live process owns runs there; its answer is this one's ack.
    const target = cluster ? await sessionOf(command) : null;
    const forwarded =
      cluster && target !== null && !hub.cached(target)
        ? await cluster.relay.forward({ ...command, sessionId: target })
        : null;
    const result = forwarded ?? (await run(command));
    if (guessesCode && !result.ack.ok && result.ack.error.code === 'SESSION_NOT_FOUND')
      await options.joinCodes.wrong(data.address);
    if (result.identity) adopt(socket, result.identity, forwarded !== null);
    if (result.waitingAt) void socket.join(doorRoom(result.waitingAt.sessionId, result.waitingAt.tokenHash));
    return result.ack;
  };

  /**
   * CL2: the session a command runs in: its connection's identity's; for an identifying command, the
   * connection's routing key (RT1), or when it has none (a page of an older version) the session the
   * command names, so a keyless page does not pull the session's lease to its process.
   */
  const sessionOf = async (c: Omit<ForwardedCommand, 'sessionId'>): Promise<string | null> => {
    if (c.identity) return c.identity.sessionId;
    if (!IDENTIFYING.has(c.name)) return null;
    if (c.routingKey !== null) return c.routingKey;
    const input = c.input as { sessionId?: string; joinCode?: string };
    if (input.sessionId !== undefined) return input.sessionId;
    return input.joinCode === undefined ? null : await options.store.sessionIdByJoinCode(input.joinCode);
  };

  /** The command's handler, for a connection here or one forwarded from another process (CL2). */
  const run = (c: Omit<ForwardedCommand, 'sessionId'>): Promise<HandlerResult<unknown>> => {
    const handler = handlers[c.name] as (
      input: unknown,
      identity: Identity | null,
      deps: HandlerDeps,
    ) => Promise<HandlerResult<unknown>>;
    return handler(c.input, c.identity, {
      ...deps,
      address: c.address,
      socketId: c.socketId,
      account: c.account,
      routing: options.leases ? { key: c.routingKey } : null,
    });
  };

  /** The zone a participant counts in (ST6), from the session its join or resume has just loaded. */
  const zoneOf = (sessionId: string, participantId: string): string | null => {
    const state = hub.cached(sessionId);
    return (state && participantById(state.participants, participantId)?.zoneId) ?? null;
  };

  /**
   * `elsewhere` (CL2): the identity came from the session's owner on another process, which counts the
   * connection (CL5) and pushes its consoles' views; here it only joins the rooms the views reach.
   */
  const adopt = (s: VrijuitSocket, identity: Identity, elsewhere = false) => {
    const before = s.data.identity;
    if (before) void s.leave(roomOf(before));
    if (before?.role === 'participant' && s.data.servedElsewhere && !elsewhere)
      cluster?.relay.gone({ sessionId: before.sessionId, socketId: s.id });
    uncount(s);
    s.data.identity = identity;
    s.data.servedElsewhere = elsewhere;
    void s.join(roomOf(identity));
    if (elsewhere || identity.role !== 'participant') return;
    countHere(s);
    broadcaster.consoles(identity.sessionId);
  };

  /** ST6: a participant connection of this process counts in its zone here. */
  const countHere = (s: VrijuitSocket) => {
    const identity = s.data.identity as Extract<Identity, { role: 'participant' }>;
    const zoneId = zoneOf(identity.sessionId, identity.participantId);
    if (zoneId !== null) onlineCount.add(identity.sessionId, zoneId);
    s.data.zoneId = zoneId;
  };

  /** CL5: at the owner, a forwarded connection's identity counts it online (or no longer). */
  const countRemote = (socketId: string, identity: Identity, process: string) => {
    if (identity.role === 'participant') countParticipant(socketId, identity, process);
    else remoteGone({ socketId });
  };

  const countParticipant = (
    socketId: string,
    { sessionId, participantId }: { sessionId: string; participantId: string },
    process: string,
  ) => {
    const zoneId = zoneOf(sessionId, participantId);
    const before = remote.add(socketId, { sessionId, zoneId, process });
    if (before?.zoneId != null) onlineCount.remove(before.sessionId, before.zoneId);
    if (zoneId !== null) onlineCount.add(sessionId, zoneId);
    if (before && before.sessionId !== sessionId && hub.cached(before.sessionId))
      broadcaster.consoles(before.sessionId);
    broadcaster.consoles(sessionId);
  };

  /** CL5, CL8: connections on other processes that no longer count here (they left, or their process stopped). */
  const uncountRemote = (gone: readonly RemoteConnection[]) => {
    for (const { sessionId, zoneId } of gone) if (zoneId !== null) onlineCount.remove(sessionId, zoneId);
    for (const sessionId of new Set(gone.map((c) => c.sessionId)))
      if (hub.cached(sessionId)) broadcaster.consoles(sessionId);
  };

  /** This process's participant connections in a session (a room lookup, CL7). */
  const participantsHere = (sessionId: string): VrijuitSocket[] =>
    [...(io.sockets.adapter.rooms.get(rooms.participants(sessionId)) ?? [])].flatMap((id) => {
      const s = io.sockets.sockets.get(id);
      return s?.data.identity?.role === 'participant' ? [s] : [];
    });

  /**
   * CL7: this process has just taken the session (loaded it under its lease). Its own connections that the
   * previous owner counted count here now, and the other processes are asked for theirs.
   */
  const claim = (sessionId: string) => {
    if (!cluster) return;
    for (const s of participantsHere(sessionId)) {
      if (!s.data.servedElsewhere) continue;
      s.data.servedElsewhere = false;
      countHere(s);
    }
    cluster.relay.rollCall(sessionId);
    broadcaster.consoles(sessionId);
  };

  /** CL7: another process took the session: this one's connections in it are counted there from now on. */
  const answerRoll = (sessionId: string) => {
    if (cluster?.owns(sessionId)) return [];
    return participantsHere(sessionId).map((s) => {
      uncount(s);
      s.data.servedElsewhere = true;
      const { participantId } = s.data.identity as Extract<Identity, { role: 'participant' }>;
      return { socketId: s.id, participantId };
    });
  };

  /** CL7: the connections another process has in a session this one owns. */
  const countAnswer = ({ sessionId, from, connections }: HereNotice) => {
    if (!cluster?.owns(sessionId)) return;
    for (const { socketId, participantId } of connections)
      countParticipant(socketId, { sessionId, participantId }, from);
  };

  /** CL8: the connections counted here of processes that stopped without telling (`alive` asks Redis). */
  const forgetStoppedProcesses = async (alive: (process: string) => Promise<boolean>) => {
    for (const process of remote.processes()) {
      if (!(await alive(process))) uncountRemote(remote.forgetProcess(process));
    }
  };

  /** CL2: a command another process forwarded; null when this process does not own its session (CL3). */
  const serveForwarded = async (c: ForwardedCommand, from: string): Promise<ForwardedAnswer | null> => {
    if (!cluster?.owns(c.sessionId)) return null;
    if (stopping)
      return {
        ack: errorAck('SERVER_STOPPING', 'the server is stopping; nothing was changed: send it again once reconnected'),
      };
    // DO8 across processes: the owner sees every command of a participant, wherever its connections are.
    if (c.identity?.role === 'participant' && !perParticipant.take(c.identity.participantId))
      return { ack: errorAck('RATE_LIMITED', 'too many commands from this participant; slow down') };
    const answered = run(c);
    const tracked: Promise<void> = answered
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => answering.delete(tracked));
    answering.add(tracked);
    const result = await answered;
    if (result.identity) countRemote(c.socketId, result.identity, from);
    const answer: ForwardedAnswer = { ack: result.ack };
    if (result.identity) answer.identity = result.identity;
    if (result.waitingAt) answer.waitingAt = result.waitingAt;
    return answer;
  };

  /** CL5: a forwarded connection left its process: no longer counted online here. */
  const remoteGone = ({ socketId }: { socketId: string }) => {
    const before = remote.remove(socketId);
    if (before) uncountRemote([before]);
  };

  /** Every event a socket sends: a command (answered through its ack), or an unknown name (refused). */
  function onEvent(this: VrijuitSocket, event: string, ...args: unknown[]): void {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (response: Ack<unknown>) => void) : () => undefined;
    if (!isCommandName(event)) {
      ack(errorAck('UNKNOWN_COMMAND', `no command named ${event.slice(0, 60)}`));
      return;
    }
    if (stopping) {
      ack(errorAck('SERVER_STOPPING', 'the server is stopping; nothing was changed: send it again once reconnected'));
      return;
    }
    const answered = dispatch(this, event, args.length > 1 || typeof last !== 'function' ? args[0] : undefined)
      .then(ack)
      .catch((error: unknown) => {
        log.error('command failed', { command: event, error: String(error) });
        ack(errorAck('INTERNAL', 'the server failed; nothing was changed'));
      })
      .finally(() => answering.delete(answered));
    answering.add(answered);
  }

  function onDisconnect(this: VrijuitSocket): void {
    uncount(this);
    const identity = this.data.identity;
    if (identity?.role !== 'participant') return;
    // CL5: counted at the session's owner on another process, which is told.
    if (this.data.servedElsewhere) {
      cluster?.relay.gone({ sessionId: identity.sessionId, socketId: this.id });
      return;
    }
    // RT6, PL7: with leases, a session no longer here (lost or handed over: its connections were closed)
    // is not loaded again for its consoles' count, which would take its lease back.
    if (options.leases && !hub.cached(identity.sessionId)) return;
    broadcaster.consoles(identity.sessionId);
  }

  io.on('connection', (socket: VrijuitSocket) => {
    socket.data.identity = null;
    socket.data.zoneId = null;
    // NE1: behind a trusted proxy, the forwarded client; limits count an IPv6 client by its /64.
    socket.data.address = limitKey(options.clientAddress(socket.request));
    // The sign-in cookie the handshake carried; a page that signs in later reconnects to send it.
    socket.data.cookieToken = signInToken(socket.request);
    socket.data.commands = { start: 0, count: 0 };
    const key = socket.handshake.query[ROUTING_PARAM];
    socket.data.routingKey = typeof key === 'string' ? key : null;
    socket.data.servedElsewhere = false;
    // RT6: a connection for a session that moves is closed with the session's others, identified or not.
    if (options.leases && socket.data.routingKey !== null) void socket.join(rooms.routed(socket.data.routingKey));
    socket.onAny(onEvent);
    socket.on('disconnect', onDisconnect);
  });

  const stopCommands = async () => {
    stopping = true;
    // A client acks the notice once it sends nothing more. Its commands arrive in order on its connection,
    // so once its ack is in, every command it sent before has been taken (or refused): none is left unread
    // when the connection closes. A client that does not ack (a page from an older build) is waited for at
    // most STOP_NOTICE_MS.
    // This process's connections only (CL1: with Redis, `io` alone would reach every process's).
    await io.local
      .timeout(STOP_NOTICE_MS)
      .emitWithAck('server:stopping', {})
      .catch(() => undefined);
    // No command is taken after the notice, so the ones taken so far are all there is to wait for.
    await Promise.all([...answering]);
  };

  /**
   * PL7: the session moved to another process: its phones, consoles and screens lose their connection, and
   * so does every connection opened for it (RT6: identified or not), so they reconnect by themselves, to the
   * new owner behind the routing proxy.
   */
  const dropSession = (sessionId: string) => {
    broadcaster.forget(sessionId);
    // CL5, CL7: the next owner counts the connections on other processes (its roll call).
    for (const { zoneId } of remote.forgetSession(sessionId))
      if (zoneId !== null) onlineCount.remove(sessionId, zoneId);
    const all = [rooms.participants, rooms.facilitators, rooms.projectors, rooms.routed];
    for (const room of all.map((r) => r(sessionId))) {
      for (const id of io.sockets.adapter.rooms.get(room) ?? []) io.sockets.sockets.get(id)?.conn.close();
    }
  };

  const answerForwarded = async () => {
    await cluster?.relay.start({ serve: serveForwarded, gone: remoteGone, roll: answerRoll, here: countAnswer });
  };

  return { io, broadcaster, stopCommands, dropSession, answerForwarded, claim, forgetStoppedProcesses };
}
