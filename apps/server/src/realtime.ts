import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { facilitatorView, participantView, type DomainEvent } from '@vrijuit/core';
import {
  commands,
  commandNames,
  isCommandName,
  RATE_LIMITS,
  type Ack,
  type ClientToServerEvents,
  type CommandName,
  type ErrorCode,
  type ServerToClientEvents,
} from '@vrijuit/protocol';
import { handlers, type HandlerDeps, type Identity } from './handlers.ts';
import type { Logger } from './log.ts';
import { RateLimiter } from './rate-limit.ts';
import type { SessionHub } from './session-hub.ts';
import type { Store } from './store/store.ts';
import { isOriginAllowed } from './origin.ts';

interface SocketData {
  identity: Identity | null;
}

type VrijuitServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type VrijuitSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const participantsRoom = (sessionId: string) => `s:${sessionId}:p`;
const facilitatorsRoom = (sessionId: string) => `s:${sessionId}:f`;

/** Views are pushed at most this often per session: a burst of votes becomes one update. */
const BROADCAST_DELAY_MS = 25;

function errorAck(code: ErrorCode, message: string, issues?: { path: string; message: string }[]): Ack<never> {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } };
}

export interface RealtimeOptions {
  hub: SessionHub;
  store: Store;
  log: Logger;
  allowedOrigins: readonly string[];
  joinLimiter: RateLimiter;
}

export function attachRealtime(http: HttpServer, options: RealtimeOptions): VrijuitServer {
  const { hub, store, log } = options;
  const io: VrijuitServer = new Server(http, {
    // Other upgrades (the Yjs endpoint) are handled by their own listener (toolchain.md).
    destroyUpgrade: false,
    // Compression multiplies memory per client (targets.md); keep it off.
    perMessageDeflate: false,
    httpCompression: false,
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    allowRequest: (req: IncomingMessage, callback) => callback(null, isOriginAllowed(req, options.allowedOrigins)),
  });

  const online = (sessionId: string) => io.sockets.adapter.rooms.get(participantsRoom(sessionId))?.size ?? 0;
  const deps: HandlerDeps = { hub, store, online };

  const pending = new Map<string, { participants: boolean }>();
  const flush = async (sessionId: string) => {
    const dirty = pending.get(sessionId);
    pending.delete(sessionId);
    const state = await hub.state(sessionId);
    if (!state || !dirty) return;
    if (dirty.participants) io.to(participantsRoom(sessionId)).emit('participant:view', participantView(state));
    io.to(facilitatorsRoom(sessionId)).emit('facilitator:view', facilitatorView(state, online(sessionId)));
  };
  const schedule = (sessionId: string, participants: boolean) => {
    const dirty = pending.get(sessionId);
    if (dirty) {
      dirty.participants ||= participants;
      return;
    }
    pending.set(sessionId, { participants });
    setTimeout(() => {
      flush(sessionId).catch((error: unknown) => log.error('broadcast failed', { sessionId, error: String(error) }));
    }, BROADCAST_DELAY_MS);
  };
  const seenByPhones = (e: DomainEvent) => e.type !== 'vote:cast' && e.type !== 'participant:joined';
  hub.onChange((sessionId, events) => schedule(sessionId, events.some(seenByPhones)));

  io.on('connection', (socket: VrijuitSocket) => {
    socket.data.identity = null;
    const address = socket.handshake.address;
    const limiter = new RateLimiter(RATE_LIMITS.commandsPerSecond, 1000);

    const dispatch = async (name: CommandName, raw: unknown): Promise<Ack<unknown>> => {
      if (!limiter.take('all')) return errorAck('RATE_LIMITED', 'too many commands; slow down');
      const def = commands[name];
      const parsed = def.request.safeParse(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        return errorAck('BAD_REQUEST', `invalid ${name} payload`, issues);
      }
      const identity = socket.data.identity;
      if (def.by !== 'anyone') {
        if (!identity) return errorAck('NOT_JOINED', 'join or attach to a session first');
        if (identity.role !== def.by) return errorAck('FORBIDDEN', `only a ${def.by} may send ${name}`);
      }
      // S5: only failed code lookups count, so a room of phones behind one address joins freely.
      const guessesCode = name === 'session:lookup' || name === 'participant:join';
      if (guessesCode && options.joinLimiter.exhausted(address)) {
        return errorAck('RATE_LIMITED', 'too many wrong join codes; wait a minute');
      }
      const handler = handlers[name] as (
        input: unknown,
        identity: Identity | null,
        deps: HandlerDeps,
      ) => Promise<{ ack: Ack<unknown>; identity?: Identity }>;
      const result = await handler(parsed.data, identity, deps);
      if (guessesCode && !result.ack.ok && result.ack.error.code === 'SESSION_NOT_FOUND')
        options.joinLimiter.take(address);
      if (result.identity) adopt(socket, result.identity);
      return result.ack;
    };

    const adopt = (s: VrijuitSocket, identity: Identity) => {
      const before = s.data.identity;
      if (before) {
        void s.leave(
          before.role === 'participant' ? participantsRoom(before.sessionId) : facilitatorsRoom(before.sessionId),
        );
      }
      s.data.identity = identity;
      void s.join(
        identity.role === 'participant' ? participantsRoom(identity.sessionId) : facilitatorsRoom(identity.sessionId),
      );
      if (identity.role === 'participant') schedule(identity.sessionId, false);
    };

    for (const name of commandNames) {
      socket.on(name, (...args: unknown[]) => {
        const last = args[args.length - 1];
        const ack = typeof last === 'function' ? (last as (response: Ack<unknown>) => void) : () => undefined;
        dispatch(name, args.length > 1 || typeof last !== 'function' ? args[0] : undefined)
          .then(ack)
          .catch((error: unknown) => {
            log.error('command failed', { command: name, error: String(error) });
            ack(errorAck('INTERNAL', 'the server failed; nothing was changed'));
          });
      });
    }

    socket.onAny((event: string, ...args: unknown[]) => {
      if (isCommandName(event)) return;
      const last = args[args.length - 1];
      if (typeof last === 'function') last(errorAck('UNKNOWN_COMMAND', `no command named ${event.slice(0, 60)}`));
    });

    socket.on('disconnect', () => {
      const identity = socket.data.identity;
      if (identity?.role === 'participant') schedule(identity.sessionId, false);
    });
  });

  return io;
}
