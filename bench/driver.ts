/**
 * One vote-burst run against one server (Vrijuit or the floor): the same clients, the same messages.
 * Sets up a session and a round over an admin socket, joins N phones, opens the round, lets every phone
 * vote once, spread evenly over the burst window, and measures what docs/benchmarks.md lists.
 */
import type { Child } from './children.ts';
import { FLOORS } from '../packages/protocol/src/index.ts';
import {
  ascending,
  call,
  connect,
  joinPhones,
  percentile,
  secret,
  serverStats as stats,
  until,
  type Client,
  type ServerChild,
} from './client.ts';
import { nowMs, type FromFacilitator, type ServerStats, type ToFacilitator } from './ipc.ts';
import { benchCookie } from './account.ts';
import { int } from './cli.ts';

export type { ServerChild };
export type FacilitatorChild = Child<ToFacilitator, FromFacilitator>;

export interface RunOptions {
  clients: number;
  /** The window the votes are spread over, evenly. */
  burstMs: number;
  /** Phones connecting and joining at the same time. */
  concurrency: number;
  options: number;
  /**
   * Issue 18 item 7: the processes the phones connect to, in turn (phone i to `phoneUrls[i mod length]`),
   * each connection naming its session (RT1); default: the server's own URL, no key.
   */
  phoneUrls?: readonly string[];
}

/** The command-line options of a vote burst (vote-burst.ts, cluster-burst.ts), for `parseArgs`. */
export const BURST_ARGS = {
  clients: { type: 'string', default: '2000' },
  'burst-ms': { type: 'string', default: '1000' },
  concurrency: { type: 'string', default: '100' },
  options: { type: 'string', default: '4' },
  json: { type: 'string' },
  'max-minutes': { type: 'string', default: '30' },
} as const;

/** The run options from the parsed BURST_ARGS (exits with a message on a value out of bounds). */
export function burstOptions(args: {
  clients: string;
  'burst-ms': string;
  concurrency: string;
  options: string;
}): RunOptions {
  return {
    clients: int('clients', args.clients, 1, 100_000),
    burstMs: int('burst-ms', args['burst-ms'], 1, 60_000),
    concurrency: int('concurrency', args.concurrency, 1, 10_000),
    options: int('options', args.options, 2, 30),
  };
}

export interface RunResult {
  kind: string;
  clients: number;
  /** False when the run is void (generator missed its rate) or failed; `problems` says why. */
  valid: boolean;
  problems: string[];
  joinMs: number;
  connectRetries: number;
  heapPerClient: number;
  rssPerClient: number;
  baseline: ServerStats | null;
  afterJoin: ServerStats | null;
  /** round:open sent -> the last phone has the open round. */
  fanoutMs: number;
  plannedSpanMs: number;
  sendSpanMs: number;
  maxSendLagMs: number;
  ackP50: number;
  ackP99: number;
  ackMax: number;
  lastVoteToLastAckMs: number;
  /**
   * The votes the console can show before the round closes: every complete batch of k (AN12, AN13), so
   * floor(N / k) x k on Vrijuit (all first ballots queue together); N on the floor, which shows each vote.
   */
  exactTarget: number;
  /**
   * The key figure: last vote sent -> the facilitator's view shows `exactTarget` respondents with the
   * tally of exactly the votes stored so far (on the floor: all N with the exact counts).
   */
  lastVoteToExactMs: number;
  /** Vrijuit: votes whose ack said `stored: true` or that `inputs:stored` confirmed before the kill. */
  storedConfirmed: number | null;
  /** Vrijuit: send -> stored (the stored ack, or the `inputs:stored` notice), over the stored votes. */
  storedP50: number;
  storedP99: number;
  /** Vrijuit: acks that said `stored: true` at once (the sender that completed a batch). */
  storedAcks: number | null;
  viewsDuringBurst: number;
  serverCpuJoinMs: number;
  serverCpuBurstMs: number;
  /**
   * Vrijuit only: ballots of the round found in the store after the server was killed with SIGKILL; every
   * vote the phone was told is stored must be there (AN14); received-only votes may be lost (the phone
   * re-sends them).
   */
  durableBallots: number | null;
}

export interface RunIds {
  sessionId: string;
  roundId: string;
}

export async function runBurst(
  kind: string,
  server: ServerChild,
  port: number,
  facilitator: FacilitatorChild,
  options: RunOptions,
): Promise<{ result: RunResult; clients: Client[]; ids: RunIds | null }> {
  const url = `http://127.0.0.1:${port}`;
  const n = options.clients;
  const clients: Client[] = [];
  const result: RunResult = {
    kind,
    clients: n,
    valid: false,
    problems: [],
    joinMs: NaN,
    connectRetries: 0,
    heapPerClient: NaN,
    rssPerClient: NaN,
    baseline: null,
    afterJoin: null,
    fanoutMs: NaN,
    plannedSpanMs: (options.burstMs * (n - 1)) / n,
    sendSpanMs: NaN,
    maxSendLagMs: NaN,
    ackP50: NaN,
    ackP99: NaN,
    ackMax: NaN,
    lastVoteToLastAckMs: NaN,
    exactTarget: n,
    lastVoteToExactMs: NaN,
    storedConfirmed: null,
    storedP50: NaN,
    storedP99: NaN,
    storedAcks: null,
    viewsDuringBurst: 0,
    serverCpuJoinMs: NaN,
    serverCpuBurstMs: NaN,
    durableBallots: null,
  };
  let ids: RunIds | null = null;
  // Every phase is bounded; the budget grows with N (generous: 10 ms per client and phase).
  const phaseMs = 30_000 + 10 * n;

  try {
    // Session, a console in its own process, and one draft round with `options` options.
    const cookie = await benchCookie(kind, url);
    const admin = await connect(url, 30_000, cookie);
    clients.push(admin);
    const { sessionId, joinCode } = await call(admin, 'session:create', {
      commandId: secret(),
      title: 'Vote burst',
      zones: ['Zaal'],
    });
    const attached = facilitator.next('attached', 30_000);
    facilitator.send({ type: 'attach', url, sessionId, cookie });
    const attachAck = await attached;
    if (!attachAck.ok) throw new Error(`facilitator did not attach: ${attachAck.error}`);
    const labels = Array.from({ length: options.options }, (_, i) => `Option ${i + 1}`);
    const { roundId } = await call(admin, 'round:create', {
      commandId: secret(),
      config: { kind: 'single-choice' },
      question: 'Which one?',
      options: labels,
    });
    const view = await call(admin, 'facilitator:attach', { sessionId });
    const zoneId = view.session.zones[0]?.id;
    const optionIds = view.rounds.find((r) => r.id === roundId)?.options.map((o) => o.id) ?? [];
    if (!zoneId || optionIds.length === 0) throw new Error('no zone or options in the facilitator view');
    ids = { sessionId, roundId };
    // AN12, AN13: the console shows stored votes only, stored in batches of k distinct participants;
    // all first ballots queue together, so it can show floor(N / k) x k before the round closes. The
    // floor shows each vote (its view has no settings).
    const k = view.session.settings ? Math.max(FLOORS.anonymityThreshold, view.session.settings.anonymityThreshold) : 1;
    result.exactTarget = Math.floor(n / k) * k;

    result.baseline = await stats(server, true);

    // Connect and join N phones, `concurrency` at a time. Each phone watches for the round to open.
    // AN14: the command ids of the votes (-> phone index) and when each was confirmed stored.
    const voteOf = new Map<string, number>();
    const storedAt = new Float64Array(n).fill(NaN);
    let confirmed = 0;
    let allConfirmed: () => void = () => undefined;
    const allConfirmedPromise = new Promise<void>((resolve) => (allConfirmed = resolve));
    const confirm = (i: number, at: number) => {
      if (!Number.isNaN(storedAt[i]!)) return;
      storedAt[i] = at;
      if (++confirmed === result.exactTarget) allConfirmed();
    };
    let seen = 0;
    let allSeen: (at: number) => void = () => undefined;
    const allSeenAt = new Promise<number>((resolve) => (allSeen = resolve));
    const joinStart = nowMs();
    const joined = await joinPhones(options.phoneUrls ?? url, n, {
      ...(options.phoneUrls ? { settings: { query: { session: sessionId } } } : {}),
      concurrency: options.concurrency,
      joinCode,
      zoneId,
      deadline: Date.now() + phaseMs,
      prepare: (socket) => {
        socket.on('inputs:stored', ({ commandIds }) => {
          const at = nowMs();
          for (const id of commandIds) {
            const i = voteOf.get(id);
            if (i !== undefined) confirm(i, at);
          }
        });
        let saw = false;
        socket.on('participant:view', (v) => {
          if (saw || v.round?.id !== roundId || v.round.status !== 'open') return;
          saw = true;
          if (++seen === n) allSeen(nowMs());
        });
      },
    });
    clients.push(...joined.phones);
    result.connectRetries = joined.retries;
    result.joinMs = nowMs() - joinStart;
    const phones = clients.slice(1);

    result.afterJoin = await stats(server, true);
    result.heapPerClient = (result.afterJoin.heapUsed - result.baseline.heapUsed) / n;
    result.rssPerClient = (result.afterJoin.rss - result.baseline.rss) / n;
    result.serverCpuJoinMs = result.afterJoin.cpuMs - result.baseline.cpuMs;

    // Open the round; every phone must have it before it can vote.
    const openStart = nowMs();
    await call(admin, 'round:open', { commandId: secret(), roundId });
    result.fanoutMs = (await Promise.race([allSeenAt, until(Date.now() + phaseMs, 'round fan-out')])) - openStart;
    // Let the coalesced views of the opening go out before the burst.
    await new Promise((resolve) => setTimeout(resolve, 200));

    // The burst: phone i votes option i mod (options) at start + i * burstMs / N.
    const exact = (counts: Record<string, number>, want: Record<string, number>) =>
      optionIds.every((o) => (counts[o] ?? 0) === want[o]);

    // Every view of the round during the burst; which one is exact is known once the stored votes are.
    let lastVoteAt = Infinity;
    const views: { at: number; ballots: number; counts: Record<string, number> }[] = [];
    let targetAt: (at: number) => void = () => undefined;
    const targetSeen = new Promise<number>((resolve) => (targetAt = resolve));
    const offViews = facilitator.on((message) => {
      if (message.type !== 'view') return;
      result.viewsDuringBurst++;
      const round = message.rounds.find((r) => r.id === roundId);
      if (!round) return;
      views.push({ at: message.at, ballots: round.ballots, counts: round.counts });
      if (round.ballots === result.exactTarget) targetAt(message.at);
    });

    const beforeBurst = await stats(server, false);
    const sentAt = new Float64Array(n);
    const latency = new Float64Array(n).fill(NaN);
    let acked = 0;
    let storedAcks = 0;
    let lastAckAt = 0;
    let allAcked: () => void = () => undefined;
    const allAckedPromise = new Promise<void>((resolve) => (allAcked = resolve));
    const ackErrors = new Map<string, number>();

    const start = nowMs();
    let sent = 0;
    let maxLag = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const due = Math.min(n, Math.floor(((nowMs() - start) * n) / options.burstMs) + 1);
        while (sent < due) {
          const i = sent++;
          const at = nowMs();
          maxLag = Math.max(maxLag, at - (start + (i * options.burstMs) / n));
          sentAt[i] = at;
          const commandId = secret();
          voteOf.set(commandId, i);
          phones[i]!.emit(
            'vote:cast',
            {
              commandId,
              roundId,
              ballot: { kind: 'single-choice', optionId: optionIds[i % optionIds.length]! },
            },
            (ack) => {
              const now = nowMs();
              latency[i] = now - sentAt[i]!;
              lastAckAt = Math.max(lastAckAt, now);
              if (!ack.ok) ackErrors.set(ack.error.code, (ackErrors.get(ack.error.code) ?? 0) + 1);
              else if ((ack.value as { stored?: boolean }).stored === true) {
                storedAcks++;
                confirm(i, now);
              }
              if (++acked === n) allAcked();
            },
          );
        }
        if (sent >= n) {
          lastVoteAt = nowMs();
          resolve();
        } else {
          setTimeout(tick, 1);
        }
      };
      tick();
    });
    result.sendSpanMs = lastVoteAt - (sentAt[0] ?? lastVoteAt);
    result.maxSendLagMs = maxLag;

    const deadline = Date.now() + phaseMs;
    await Promise.race([allAckedPromise, until(deadline, `acks (${acked}/${n})`)]);
    result.lastVoteToLastAckMs = lastAckAt - lastVoteAt;
    await Promise.race([targetSeen, until(deadline, `a facilitator view of ${result.exactTarget} ballots`)]);
    if (kind === 'vrijuit') {
      // Every vote of a complete batch is confirmed stored to its phone (the stored ack or inputs:stored).
      await Promise.race([
        allConfirmedPromise,
        until(deadline, `stored confirmations (${confirmed}/${result.exactTarget})`),
      ]);
    }
    // The exact view: the stored votes' tally (on the floor, every vote's).
    const want: Record<string, number> = Object.fromEntries(optionIds.map((o) => [o, 0]));
    for (let i = 0; i < n; i++) {
      if (kind === 'vrijuit' && Number.isNaN(storedAt[i]!)) continue;
      const o = optionIds[i % optionIds.length]!;
      want[o] = (want[o] ?? 0) + 1;
    }
    const exactView = views.find((v) => v.ballots === result.exactTarget && exact(v.counts, want));
    if (!exactView)
      throw new Error(`no facilitator view with ${result.exactTarget} ballots and the stored votes' tally`);
    result.lastVoteToExactMs = exactView.at - lastVoteAt;
    offViews();
    if (kind === 'vrijuit') {
      result.storedConfirmed = confirmed;
      result.storedAcks = storedAcks;
      const stored = ascending(Array.from(storedAt, (at, i) => at - sentAt[i]!));
      result.storedP50 = percentile(stored, 50);
      result.storedP99 = percentile(stored, 99);
    }
    const afterBurst = await stats(server, false);
    result.serverCpuBurstMs = afterBurst.cpuMs - beforeBurst.cpuMs;

    const sorted = latency.slice().sort();
    result.ackP50 = percentile(sorted, 50);
    result.ackP99 = percentile(sorted, 99);
    result.ackMax = sorted[sorted.length - 1] ?? NaN;

    for (const [code, count] of ackErrors) result.problems.push(`${count} votes answered ${code}`);
    // The generator missed its planned rate: the whole burst took > 120 % of the plan, or some vote
    // went out more than a tenth of the window late (a stall, then a clump the server never asked for).
    if (result.sendSpanMs > 1.2 * result.plannedSpanMs) {
      result.problems.push(
        `void: the generator took ${result.sendSpanMs.toFixed(0)} ms to send, planned ${result.plannedSpanMs.toFixed(0)} ms`,
      );
    }
    if (result.maxSendLagMs > 0.1 * options.burstMs) {
      result.problems.push(`void: a vote went out ${result.maxSendLagMs.toFixed(0)} ms after its planned time`);
    }
    result.valid = result.problems.length === 0;
  } catch (error) {
    result.problems.push(error instanceof Error ? error.message : String(error));
    result.valid = false;
  }
  return { result, clients, ids };
}
