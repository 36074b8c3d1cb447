import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';
import { RATE_LIMITS } from '@vrijuit/protocol';
import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import { TokenBucket } from './rate-limit.ts';
import { JoinCodeGuard } from './join-code-guard.ts';
import { clientAddressOf, trustRule } from './client-address.ts';
import { createListener } from './listener.ts';
import type { SignInLimits } from './auth/sign-in-guard.ts';
import { attachRealtime } from './realtime.ts';
import { SessionHub } from './session-hub.ts';
import type { ServerStore } from './store/store.ts';
import { startPlacement } from './placement.ts';
import { isStaleOwner } from './store/pg-leases.ts';
import { attachYjs } from './yjs.ts';
import { persistYjs } from './yjs-persistence.ts';
import { YjsTickets } from './yjs-tickets.ts';
import type { YjsStore } from './store/yjs-store.ts';
import { WriteBehindYjs } from './yjs-write-behind.ts';
import { docs } from '@y/websocket-server/utils';
import { RoundTimers } from './round-timers.ts';
import { PainPointRelease } from './pain-point-release.ts';
import { Auth } from './auth/auth.ts';
import { ExportRenderer } from './export/export-renderer.ts';
import { CommandRelay } from './cluster/command-relay.ts';
import { ProcessAddresses } from './cluster/process-addresses.ts';
import type { ClusterLink } from './cluster/cluster-link.ts';
import { lazyHandler, type Handler } from './lazy-handler.ts';

export interface VrijuitServer {
  readonly http: HttpServer;
  readonly hub: SessionHub;
  /** Accounts and sign-ins (AC1-AC6); main.ts asks it for the first-start setup link. */
  readonly auth: Auth;
  listen(): Promise<{ port: number; url: string }>;
  /** Timers scheduled now: round deadlines, pain-point release ticks, view updates (PR3: 0 once closed). */
  armed(): number;
  /**
   * Graceful stop (R4, core PR2, PR3): no new connections, no timer re-armed, every connection told
   * (`server:stopping`), every command taken committed and answered, then the connections closed (clients
   * reconnect by themselves). The caller closes the store after it.
   */
  close(): Promise<void>;
}

/**
 * How long after listening the HTTP routes load if no request has asked for them yet (issue 17, P7): after
 * a restart the reconnecting phones' resumes (socket.io) come first.
 */
export const HTTP_WARM_AFTER_MS = 2000;

/** Builds the one process: express routes, socket.io, the Yjs endpoint and the web handler on one port. */
export function createServer(options: {
  /** TLS, TRUST_PROXY and ALLOW_INSECURE_HTTP are off when left out (as in most tests). */
  config: Pick<Config, 'port' | 'host' | 'allowedOrigins'> &
    Partial<Pick<Config, 'tls' | 'trustProxy' | 'allowInsecureHttp'>>;
  /**
   * The store (SqliteStore, or PgStore with DATABASE_URL): sessions, accounts, templates and the
   * co-edited texts' log (written behind an in-memory copy when the log is awaited, yjs-write-behind.ts).
   */
  store: ServerStore;
  log: Logger;
  web?: RequestHandler | null;
  /** The clock (epoch ms); tests pass their own to move time. */
  now?: () => number;
  /**
   * How long one second of the pain-point release interval lasts, in ms (default 1000). Only tests shorten
   * it, so a session at the 10 s floor (core AN21) ticks every real second; the tick stays on the clock.
   */
  releaseSecondMs?: number;
  /**
   * DO6: the limit on new joins per address (default `RATE_LIMITS`). Benchmarks that join 10,000
   * phones from one loopback address raise it; the server itself never does.
   */
  joinLimits?: { burst: number; perMinute: number };
  /** NE5: the sign-in backoff's limits (default `SIGN_IN_LIMITS`); tests shrink the global cap. */
  signInLimits?: SignInLimits;
  /**
   * The clock of the wrong-code and sign-in limits (default real time, whatever `now` is: a test's frozen
   * clock must not freeze them). Tests of the limits pass one they move, so a slow machine cannot refill
   * a bucket between two of their steps.
   */
  limitClock?: () => number;
  /**
   * CL1-CL5 (REDIS_URL, with DATABASE_URL): the link to the other processes through Redis, so one
   * session's connections may sit on any of them. Opened and closed by the caller (main.ts).
   */
  cluster?: ClusterLink | null;
}): VrijuitServer {
  const { config, store, log } = options;
  const now = options.now ?? Date.now;
  // PostgreSQL's log is awaited: the texts are kept in memory and written behind (nothing told before stored).
  const behind = 'writeYjs' in store.yjs ? new WriteBehindYjs(store.yjs, log, textsOpen) : null;
  const texts: YjsStore = behind ?? (store.yjs as YjsStore);
  const hub = new SessionHub(store, log);
  const timers = new RoundTimers(hub, log, now);
  const release = new PainPointRelease(hub, log, now, options.releaseSecondMs);
  const limitClock = options.limitClock ?? Date.now;
  // SG1, SG2: on a store several processes share (PostgreSQL), the limits are counted there, once for all.
  const guards = store.guards ?? null;
  const joinCodes = guards
    ? guards.joinCodes(limitClock, (message, error) => log.error(message, { error: String(error) }))
    : new JoinCodeGuard(undefined, limitClock);
  const trust = trustRule(config.trustProxy ?? false);
  const joinLimits = options.joinLimits ?? {
    burst: RATE_LIMITS.newJoinsPerAddressBurst,
    perMinute: RATE_LIMITS.newJoinsPerAddressPerMinute,
  };
  const newJoins = new TokenBucket(joinLimits.burst, joinLimits.perMinute / 60);
  const auth = new Auth(store.accounts, now, {
    signInLimits: options.signInLimits,
    limitClock,
    guard: guards?.signIns(limitClock, options.signInLimits),
    // SG4: another process may end a sign-in or withdraw a share: nothing about them is cached here.
    shared: guards !== null,
    // SG5: and is told when one does, so this process's consoles and editors are re-checked at once.
    revocations: store.revocations ?? undefined,
  });
  const renderer = new ExportRenderer(log);
  // Issue 17, P7: express and the HTTP routes are imported once the port is open (see listen()), so a restart
  // answers the phones' socket.io resumes without waiting for them; a request that comes earlier waits.
  const app = lazyHandler(async () => {
    const { createHttpApp } = await import('./http-app.ts');
    return createHttpApp({
      hub,
      store,
      joinCodes,
      auth,
      allowedOrigins: config.allowedOrigins,
      trust,
      allowInsecureHttp: config.allowInsecureHttp ?? false,
      web: options.web ?? null,
      templates: store.templates,
      now,
      limitClock,
      exports: { yjs: texts, renderer, log },
    }) as Handler;
  });
  const http = createListener(app.handle, config.tls ?? null);
  let warm: NodeJS.Timeout | undefined;
  const tickets = new YjsTickets(now);
  // PL7: with several processes on PostgreSQL, this one works only on the sessions whose lease it holds.
  const leases = store.leases ?? null;
  if (options.cluster && !leases) throw new Error('REDIS_URL needs a store with leases (DATABASE_URL)');
  const link = options.cluster ?? null;
  const relay =
    link && leases
      ? new CommandRelay({
          self: leases.owner,
          seal: link.seal,
          publisher: link.publisher,
          subscriber: link.subscriber,
          ownerOf: (sessionId) => leases.ownerOf(sessionId),
          ownerCacheMs: Math.floor(leases.ttlMs / 3),
          answerTimeoutMs: leases.ttlMs,
          log,
        })
      : null;
  // CL6: where the others reach this process, and it them, for the texts of the sessions each owns.
  const addresses = relay && leases && link ? new ProcessAddresses(link.publisher, 3 * leases.ttlMs, log) : null;
  const realtime = attachRealtime(http, {
    hub,
    store,
    texts,
    log,
    allowedOrigins: config.allowedOrigins,
    clientAddress: clientAddressOf(trust),
    joinCodes,
    newJoins,
    auth,
    timers,
    release,
    now,
    tickets,
    leases: store.leases != null,
    cluster:
      link && relay && leases
        ? { adapter: link.adapter, relay, owns: (sessionId) => leases.fenceOf(sessionId) !== undefined }
        : null,
  });
  const { io, broadcaster } = realtime;
  const documents = persistYjs(texts, log, behind);
  // LC7: nothing may write a deleted session's texts back once its rows are gone.
  hub.onRemove({
    before: async (sessionId) => {
      documents.closeSession(sessionId);
      await behind?.forget(sessionId);
    },
  });
  const wss = attachYjs(http, {
    hub,
    log,
    auth,
    tickets,
    allowedOrigins: config.allowedOrigins,
    behind,
    elsewhere:
      relay && addresses
        ? async (sessionId) => {
            const owner = await relay.otherOwner(sessionId);
            return owner ? addresses.of(owner) : null;
          }
        : null,
  });
  const placement = leases
    ? startPlacement(leases, hub, log, {
        watchTimers: (sessionId) => timers.watch(sessionId),
        now,
        settleTexts: async (sessionId) => {
          await behind?.forget(sessionId);
        },
      })
    : null;
  // PL9: a text write the fence refused means the session moved: all of it goes, not only its texts.
  behind?.onFailure((sessionId, error) => {
    if (isStaleOwner(error)) hub.lost(sessionId);
  });
  hub.onLost((sessionId) => {
    log.info('session taken over by another process', { sessionId });
    timers.forget(sessionId);
    release.forget(sessionId);
    documents.closeSession(sessionId);
    behind?.drop(sessionId);
    realtime.dropSession(sessionId);
  });
  // PL9: a session whose lease went back (it left memory idle) may be written by another process next:
  // its texts go too, and are read from the store again if it comes back here.
  if (leases) {
    hub.onForget((sessionId) => {
      documents.closeSession(sessionId);
      behind?.drop(sessionId);
    });
  }
  // The owner runs a session's round timers (RO5): armed when it loads the session, after a take-over too.
  if (leases) hub.onLoad((sessionId) => void timers.watch(sessionId));
  // CL7: a process that takes a session counts its connections on every process.
  if (relay) hub.onLoad((sessionId) => realtime.claim(sessionId));
  // CL8: the connections of a process that stopped without telling stop counting once its address expires.
  const processWatch =
    addresses && leases
      ? setInterval(() => {
          realtime
            .forgetStoppedProcesses(async (process) => (await addresses.of(process)) !== null)
            .catch((error: unknown) => log.error('checking the other processes failed', { error: String(error) }));
        }, leases.ttlMs)
      : null;
  processWatch?.unref();

  return {
    http,
    hub,
    auth,
    listen: async () => {
      // Rounds with a running timer close on time after a restart too (RO5). With leases each process
      // watches the sessions it loads (above), and takes over those with a timer due whose lease nobody
      // holds (PL10, now and at every renewal): loading them all here would take every lease.
      if (placement) await placement.sweep();
      else {
        for (const sessionId of await store.sessionsWithTimers()) await timers.watch(sessionId);
        // Pain points an older build left in the stored inbox are released on the next tick (AN8); those
        // that waited in memory come back from the phones' outboxes (AN14).
        for (const sessionId of await store.sessionsWithWaitingPainPoints()) await release.watch(sessionId);
      }
      // CL2: commands other processes forward are answered from the moment this one takes connections.
      await realtime.answerForwarded();
      // SG5: notices of other processes are heard from the moment this one takes connections.
      await store.revocations?.listening().catch((error: unknown) => {
        log.error('not listening for other processes’ sign-outs yet (retrying)', { error: String(error) });
      });
      const address = await new Promise<{ port: number; url: string }>((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => {
          const { port } = http.address() as AddressInfo;
          const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
          resolve({ port, url: `${config.tls ? 'https' : 'http'}://${host}:${port}` });
        });
      });
      // Loaded by the first request or HTTP_WARM_AFTER_MS after listening, whichever comes first: the
      // phones reconnecting after a restart (P7) are served first. A failure answers requests 500.
      if (addresses && leases) {
        const host = ['0.0.0.0', '::', 'localhost'].includes(config.host) ? '127.0.0.1' : config.host;
        const hostPart = host.includes(':') ? `[${host}]` : host;
        await addresses.announce(leases.owner, link?.address ?? `http://${hostPart}:${address.port}`);
      }
      warm = setTimeout(() => {
        app.load().catch((error: unknown) => log.error('the HTTP routes failed to load', { error: String(error) }));
      }, HTTP_WARM_AFTER_MS);
      warm.unref();
      return address;
    },
    armed: () => timers.armed + release.armed + broadcaster.armed,
    close: async () => {
      clearTimeout(warm);
      // Stop accepting: the port closes; connections already open stay to hear their answers.
      http.close();
      // PR3: from here no timer re-arms, not even from a command drained below.
      timers.stop();
      release.stop();
      broadcaster.stop();
      // Every command taken is committed and acked; a later one is answered SERVER_STOPPING.
      await realtime.stopCommands();
      // A round timer or release tick that was running when the timers stopped commits too.
      await hub.drain();
      // PL4: every session's lease goes back once its last command is stored; another process takes over.
      await placement?.stop();
      // Every update is in the store already; editors reconnect and resync by themselves.
      for (const client of wss.clients) client.terminate();
      wss.close();
      documents.close();
      // Written behind (PostgreSQL): every text update taken is stored before the store closes.
      await behind?.flush();
      await renderer.close();
      // Closing the engine drops every transport; clients see "transport close" and reconnect.
      await io.close();
      await relay?.stop();
      addresses?.stop();
      if (processWatch) clearInterval(processWatch);
      http.closeAllConnections();
    },
  };
}

/** Whether any document of the session is open in an editor (its texts then stay in memory). */
function textsOpen(sessionId: string): boolean {
  for (const name of docs.keys()) if (name.startsWith(`${sessionId}/`)) return true;
  return false;
}
