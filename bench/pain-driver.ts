/**
 * One pain-point run (P3) against one server (Vrijuit or the floor): the same clients, the same
 * messages. Sets up a session (release every `releaseEverySeconds` real seconds, from 3 waiting entries,
 * the floor: core AN21; bench-server.ts makes the 10 s floor tick every real second) and an open
 * pain-point round over an admin socket, attaches a console and a projector (each a process of its
 * own, bench/screen.ts), joins N phones, then submits entries at a planned rate R for a few seconds,
 * entry i from phone i mod N at start + i / R, and measures what docs/benchmarks.md lists under P3.
 */
import type { Child } from './children.ts';
import {
  ascending,
  call,
  connect,
  joinPhones,
  percentile,
  secret,
  serverStats,
  until,
  type Client,
  type ServerChild,
} from './client.ts';
import { nowMs, type FromScreen, type ScreenRole, type ServerStats, type ToScreen } from './ipc.ts';
import type { SideResult } from './summary.ts';
import { benchCookie } from './account.ts';

export type ScreenChild = Child<ToScreen, FromScreen>;

export interface PainOptions {
  phones: number;
  /** Planned entries per second. */
  rate: number;
  /** How long the entries go on. */
  seconds: number;
  /** Phones connecting and joining at the same time. */
  concurrency: number;
  /** live: the room (projector and phones) sees the wall as it grows; manual: only the console does. */
  reveal: 'live' | 'manual';
  /** Real seconds between release ticks. */
  releaseEverySeconds: number;
  /** How long one of the server's release seconds lasts (createServer's `releaseSecondMs`). */
  releaseSecondMs: number;
  /** Characters per entry text. */
  textLength: number;
  /** A run is void when any entry goes out later than this after its planned time. */
  maxLagMs: number;
}

/** What one screen saw of the entries. */
export interface ScreenResult {
  /** Acked entries this screen showed by text (0 on a projector when the round is not revealed). */
  shown: number;
  /** Submit -> the entry's text on this screen (includes the wait for the release tick on Vrijuit). */
  appearP50: number;
  appearP99: number;
  appearMax: number;
  /** Vrijuit: the release tick (the multiple of the period on the clock) -> the entry on this screen. */
  afterTickP50: number;
  afterTickP99: number;
  /** Last ack -> this screen shows every acked entry (by text; by count when it shows no texts). */
  lastAckToAllMs: number;
  views: number;
  megabytes: number;
  /** The console only: the most entries seen waiting for a batch. */
  maxWaiting: number;
}

export interface PainResult extends SideResult {
  kind: string;
  phones: number;
  rate: number;
  entries: number;
  valid: boolean;
  problems: string[];
  joinMs: number;
  connectRetries: number;
  plannedSpanMs: number;
  sendSpanMs: number;
  maxSendLagMs: number;
  acked: number;
  ackP50: number;
  ackP99: number;
  ackMax: number;
  /** Acked entries / (last ack - first send). Vrijuit's ack says received (`stored: false`, AN14). */
  ackedPerSecond: number;
  /** Vrijuit: entries `inputs:stored` (or a stored ack) confirmed to their phone before the kill. */
  storedConfirmed: number | null;
  /** Vrijuit: submit -> confirmed stored (the release tick's batch, AN13), over the confirmed entries. */
  storedP50: number;
  storedP99: number;
  storedMax: number;
  lastSendToLastAckMs: number;
  /** Server CPU time / wall time from the first send to the last ack (1 = one core, all the time). */
  serverCpuLoad: number;
  /** Server CPU from the first send until both screens show everything. */
  serverCpuMs: number;
  console: ScreenResult;
  projector: ScreenResult;
  /** What the N phones received from the first send until both screens show everything. */
  phoneViews: number;
  phoneMegabytes: number;
  /**
   * Vrijuit only: entries of the round found in the store after the server was killed with SIGKILL; every
   * entry confirmed stored must be there (AN14); received-only ones may be lost (the phone re-sends them).
   */
  durable: number | null;
}

export interface PainIds {
  sessionId: string;
  roundId: string;
}

const emptyScreen = (): ScreenResult => ({
  shown: 0,
  appearP50: NaN,
  appearP99: NaN,
  appearMax: NaN,
  afterTickP50: NaN,
  afterTickP99: NaN,
  lastAckToAllMs: NaN,
  views: 0,
  megabytes: NaN,
  maxWaiting: NaN,
});

/** Entry i's text: its number first (screens are matched by text), then filler up to `length`. */
const FILLER = ' de printer op de tweede verdieping is al weken stuk en niemand weet wie hem moet maken';
export function entryText(i: number, length: number): string {
  const head = `#${i}`;
  return (head + FILLER.repeat(Math.ceil(length / FILLER.length))).slice(0, Math.max(head.length, length)).trim();
}
const entryOf = (text: string): number => Number(text.slice(1, (text + ' ').indexOf(' ')));

/** Attaches a screen child and collects what it shows; `off()` stops listening. */
async function attachScreen(screen: ScreenChild, url: string, sessionId: string, cookie: string, as: ScreenRole) {
  const views: { at: number; clock: number; fresh: string[]; count: number | null; waiting: number | null }[] = [];
  const totals = { views: 0, chars: 0 };
  const off = screen.on((message) => {
    if (message.type !== 'views') return;
    views.push(...message.views);
    totals.views = message.total;
    totals.chars = message.chars;
  });
  const attached = screen.next('attached', 30_000);
  screen.send({ type: 'attach', url, sessionId, cookie, as });
  const ack = await attached;
  if (!ack.ok) throw new Error(`${as} screen did not attach: ${ack.error}`);
  return { views, totals, off };
}
type Screen = Awaited<ReturnType<typeof attachScreen>>;

export async function runPainPoints(
  kind: string,
  server: ServerChild,
  port: number,
  screens: { console: ScreenChild; projector: ScreenChild },
  options: PainOptions,
): Promise<{ result: PainResult; clients: Client[]; ids: PainIds | null }> {
  const url = `http://127.0.0.1:${port}`;
  const n = options.phones;
  const total = Math.round(options.rate * options.seconds);
  const clients: Client[] = [];
  const result: PainResult = {
    kind,
    phones: n,
    rate: options.rate,
    entries: total,
    valid: false,
    problems: [],
    joinMs: NaN,
    connectRetries: 0,
    plannedSpanMs: ((total - 1) * 1000) / options.rate,
    sendSpanMs: NaN,
    maxSendLagMs: NaN,
    acked: 0,
    ackP50: NaN,
    ackP99: NaN,
    ackMax: NaN,
    ackedPerSecond: NaN,
    storedConfirmed: null,
    storedP50: NaN,
    storedP99: NaN,
    storedMax: NaN,
    lastSendToLastAckMs: NaN,
    serverCpuLoad: NaN,
    serverCpuMs: NaN,
    console: emptyScreen(),
    projector: emptyScreen(),
    phoneViews: 0,
    phoneMegabytes: NaN,
    durable: null,
  };
  let ids: PainIds | null = null;
  const attached: Screen[] = [];
  // Every phase is bounded; generous budgets that grow with N and with the entries.
  const phaseMs = 30_000 + 10 * n + 3 * total;

  try {
    // The session and an open pain-point round, set up over an admin socket that then goes away
    // (it is a facilitator socket: it would get every console view).
    const cookie = await benchCookie(kind, url);
    const admin = await connect(url, 30_000, cookie);
    clients.push(admin);
    const { sessionId, joinCode } = await call(admin, 'session:create', {
      commandId: secret(),
      title: 'Pain points',
      zones: ['Zaal'],
      anonymityThreshold: 3,
      weighted: false,
      // In the bench server's release seconds: with 100 ms ones, 1 real second is 10, the floor (AN21).
      releaseEverySeconds: (options.releaseEverySeconds * 1000) / options.releaseSecondMs,
      // The floor (AN21). At the rates P3 runs (hundreds a second) every tick finds far more waiting; a
      // tail of fewer than 3 entries after the last tick would never show, failing the run.
      releaseMinEntries: 3,
    });
    const { zones } = await call(admin, 'session:lookup', { joinCode });
    const zoneId = zones[0]?.id;
    if (!zoneId) throw new Error('the session has no zone');
    const { roundId } = await call(admin, 'round:create', {
      commandId: secret(),
      question: 'What gets in the way?',
      options: [],
      config: { kind: 'pain-points', perParticipant: 20, premoderation: false },
      reveal: options.reveal,
      durationSeconds: null,
    });
    ids = { sessionId, roundId };
    const screenConsole = await attachScreen(screens.console, url, sessionId, cookie, 'facilitator');
    attached.push(screenConsole);
    const screenProjector = await attachScreen(screens.projector, url, sessionId, cookie, 'projector');
    attached.push(screenProjector);

    // N phones; each counts what it receives (views and characters, before socket.io decodes them).
    let phoneViews = 0;
    let phoneChars = 0;
    // AN14: the entries' command ids (-> entry) and when `inputs:stored` confirmed each.
    const entryOfCommand = new Map<string, number>();
    const storedAt = new Float64Array(total).fill(NaN);
    let confirmed = 0;
    const confirm = (i: number, at: number) => {
      if (!Number.isNaN(storedAt[i]!)) return;
      storedAt[i] = at;
      confirmed++;
    };
    let opened = 0;
    let allOpened: () => void = () => undefined;
    const allOpen = new Promise<void>((resolve) => (allOpened = resolve));
    const joinStart = nowMs();
    const joined = await joinPhones(url, n, {
      concurrency: options.concurrency,
      joinCode,
      zoneId,
      deadline: Date.now() + phaseMs,
      prepare: (socket) => {
        socket.io.engine.on('packet', (packet: { data?: unknown }) => {
          if (typeof packet.data === 'string') phoneChars += packet.data.length;
        });
        socket.on('inputs:stored', ({ commandIds }) => {
          const at = nowMs();
          for (const id of commandIds) {
            const i = entryOfCommand.get(id);
            if (i !== undefined) confirm(i, at);
          }
        });
        let saw = false;
        socket.on('participant:view', (v) => {
          phoneViews++;
          if (saw || v.round?.id !== roundId || v.round.status !== 'open') return;
          saw = true;
          if (++opened === n) allOpened();
        });
      },
    });
    clients.push(...joined.phones);
    result.connectRetries = joined.retries;
    result.joinMs = nowMs() - joinStart;
    const phones = joined.phones;

    await call(admin, 'round:open', { commandId: secret(), roundId });
    await Promise.race([allOpen, until(Date.now() + phaseMs, 'round opening on every phone')]);
    admin.close();
    // Let the views of the opening go out before the entries.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const texts = Array.from({ length: total }, (_, i) => entryText(i, options.textLength));
    const sentAt = new Float64Array(total).fill(NaN);
    const ackAt = new Float64Array(total).fill(NaN);
    let answered = 0;
    let lastAckAt = 0;
    let allAnswered: () => void = () => undefined;
    const allAnsweredPromise = new Promise<void>((resolve) => (allAnswered = resolve));
    const ackErrors = new Map<string, number>();

    const before: ServerStats = await serverStats(server, false);
    const phonesBefore = { views: phoneViews, chars: phoneChars };
    const screensBefore = attached.map((s) => ({ ...s.totals }));
    const start = nowMs();
    let sent = 0;
    let lastSendAt = 0;
    let maxLag = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const due = Math.min(total, Math.floor(((nowMs() - start) * options.rate) / 1000) + 1);
        while (sent < due) {
          const i = sent++;
          const at = nowMs();
          maxLag = Math.max(maxLag, at - (start + (i * 1000) / options.rate));
          sentAt[i] = at;
          const commandId = secret();
          entryOfCommand.set(commandId, i);
          phones[i % n]!.emit('painpoint:submit', { commandId, roundId, text: texts[i]!, themeId: null }, (ack) => {
            const now = nowMs();
            if (ack.ok) {
              ackAt[i] = now;
              lastAckAt = Math.max(lastAckAt, now);
              if ((ack.value as { stored?: boolean }).stored === true) confirm(i, now);
            } else {
              ackErrors.set(ack.error.code, (ackErrors.get(ack.error.code) ?? 0) + 1);
            }
            if (++answered === total) allAnswered();
          });
        }
        if (sent >= total) {
          lastSendAt = nowMs();
          resolve();
        } else {
          setTimeout(tick, 1);
        }
      };
      tick();
    });
    result.sendSpanMs = lastSendAt - start;
    result.maxSendLagMs = maxLag;

    await Promise.race([allAnsweredPromise, until(Date.now() + phaseMs, `acks (${answered}/${total})`)]);
    const atLastAck = await serverStats(server, false);
    const latency = ascending(Array.from(ackAt, (a, i) => a - sentAt[i]!));
    result.acked = latency.length;
    result.ackP50 = percentile(latency, 50);
    result.ackP99 = percentile(latency, 99);
    result.ackMax = latency[latency.length - 1] ?? NaN;
    result.lastSendToLastAckMs = lastAckAt - lastSendAt;
    result.ackedPerSecond = (result.acked * 1000) / (lastAckAt - start);
    // The stats are taken when the server gets to the request: their own stamps, not the driver's.
    result.serverCpuLoad = (atLastAck.cpuMs - before.cpuMs) / (atLastAck.at - before.at);

    // Both screens must show every acked entry: by text, or by count on a projector that shows none.
    const period = options.releaseEverySeconds * 1000;
    const byText = (s: Screen) => s.views.some((v) => v.fresh.length > 0) || options.reveal === 'live';
    const complete = (s: Screen) => {
      if (byText(s)) return s.views.reduce((k, v) => k + v.fresh.length, 0) >= result.acked;
      return s.views.some((v) => (v.count ?? 0) >= result.acked);
    };
    const deadline = Date.now() + Math.max(10_000, 3 * period) + total;
    while (!attached.every(complete) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    // Reports come every 20 ms: one more round, so the last views are in.
    await new Promise((resolve) => setTimeout(resolve, 60));
    const after = await serverStats(server, false);
    result.serverCpuMs = after.cpuMs - before.cpuMs;
    result.phoneViews = phoneViews - phonesBefore.views;
    result.phoneMegabytes = (phoneChars - phonesBefore.chars) / 1e6;

    const screenResult = (s: Screen, baseline: { views: number; chars: number }): ScreenResult => {
      const appear: number[] = [];
      const afterTick: number[] = [];
      let allShownAt = NaN;
      let countAt = NaN;
      let shown = 0;
      let maxWaiting = NaN;
      for (const v of s.views) {
        if (v.waiting !== null) maxWaiting = Number.isNaN(maxWaiting) ? v.waiting : Math.max(maxWaiting, v.waiting);
        if (Number.isNaN(countAt) && (v.count ?? 0) >= result.acked) countAt = v.at;
        for (const text of v.fresh) {
          const i = entryOf(text);
          if (!(i >= 0 && i < total) || Number.isNaN(ackAt[i]!)) continue;
          appear.push(v.at - sentAt[i]!);
          if (kind === 'vrijuit') afterTick.push(v.clock - Math.floor(v.clock / period) * period);
          if (++shown === result.acked) allShownAt = v.at;
        }
      }
      const a = ascending(appear);
      const t = ascending(afterTick);
      return {
        shown,
        appearP50: percentile(a, 50),
        appearP99: percentile(a, 99),
        appearMax: a[a.length - 1] ?? NaN,
        afterTickP50: percentile(t, 50),
        afterTickP99: percentile(t, 99),
        lastAckToAllMs: (byText(s) ? allShownAt : countAt) - lastAckAt,
        views: s.totals.views - baseline.views,
        megabytes: (s.totals.chars - baseline.chars) / 1e6,
        maxWaiting,
      };
    };
    if (kind === 'vrijuit') {
      // The phones' stored notices go out with the batch's views: wait (briefly) until every shown
      // entry is confirmed, then note how many were when the server is killed.
      const confirmBy = Date.now() + 5_000;
      while (confirmed < result.acked && Date.now() < confirmBy) await new Promise((r) => setTimeout(r, 20));
      result.storedConfirmed = confirmed;
      const stored = ascending(Array.from(storedAt, (at, i) => at - sentAt[i]!));
      result.storedP50 = percentile(stored, 50);
      result.storedP99 = percentile(stored, 99);
      result.storedMax = stored[stored.length - 1] ?? NaN;
    }
    result.console = screenResult(screenConsole, screensBefore[0]!);
    result.projector = screenResult(screenProjector, screensBefore[1]!);

    for (const [code, count] of ackErrors) result.problems.push(`${count} entries answered ${code}`);
    for (const [name, s] of [
      ['console', screenConsole],
      ['projector', screenProjector],
    ] as const) {
      if (!complete(s)) result.problems.push(`the ${name} did not show every acked entry within the deadline`);
    }
    // The generator missed its planned rate: the sends took > 120 % of the plan, or an entry went out
    // more than `maxLagMs` late (a stall, then a clump the server never asked for).
    if (result.sendSpanMs > 1.2 * result.plannedSpanMs + 1) {
      result.problems.push(
        `void: the generator took ${result.sendSpanMs.toFixed(0)} ms to send, planned ${result.plannedSpanMs.toFixed(0)} ms`,
      );
    }
    if (result.maxSendLagMs > options.maxLagMs) {
      result.problems.push(`void: an entry went out ${result.maxSendLagMs.toFixed(0)} ms after its planned time`);
    }
    result.valid = result.problems.length === 0;
  } catch (error) {
    result.problems.push(error instanceof Error ? error.message : String(error));
    result.valid = false;
  } finally {
    for (const s of attached) s.off();
  }
  return { result, clients, ids };
}
