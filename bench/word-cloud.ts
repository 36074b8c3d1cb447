/**
 * Word cloud (core WC6): N phones each send three answers to an open word-cloud round, spread over the
 * burst window; measured: last answer sent -> the console shows the exact cloud (every complete batch of
 * k stored, AN12, AN13: floor(N / k) x k respondents, and the words of exactly those phones, counted as
 * WC6 counts them), the server's CPU from the burst until then, and, in this process with
 * core alone, what one console and one projector view cost with N ballots in the round. Vrijuit only (no
 * floor: no other tool makes this cloud); the server is the built one in a child process (as
 * vote-burst), the console a child process of its own (bench/facilitator.ts), the phones real
 * socket.io clients in this process. See docs/benchmarks.md.
 *
 *   pnpm exec tsx bench/word-cloud.ts --phones 1000 --runs 3
 *
 * Options: --phones N (1000) --runs R (3; 0: core alone) --burst-ms (1000) --concurrency (100) --views (50)
 *          --max-minutes (30)
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { castVote, facilitatorView, projectorView } from '../packages/core/src/index.ts';
import { FLOORS, LIMITS } from '../packages/protocol/src/index.ts';
import { cloudWordsOf } from '../packages/themes/src/index.ts';
import { benchCookie } from './account.ts';
import { Child } from './children.ts';
import { call, connect, joinPhones, percentile, secret, serverStats as stats, until, type Client } from './client.ts';
import { checkOpenFiles, hardStop, int, machine, ms } from './cli.ts';
import { applied, benchKey, openRoundOf } from './core-session.ts';
import type { FacilitatorChild } from './driver.ts';
import { nowMs } from './ipc.ts';
import { startServer } from './pairs.ts';

const { values: args } = parseArgs({
  options: {
    phones: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '3' },
    'burst-ms': { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '100' },
    views: { type: 'string', default: '50' },
    'max-minutes': { type: 'string', default: '30' },
  },
});
const n = int('phones', args.phones, 3, 100_000);
/** 0: core alone (the view's cost), no server. */
const runs = int('runs', args.runs, 0, 50);
const burstMs = int('burst-ms', args['burst-ms'], 1, 60_000);
const concurrency = int('concurrency', args.concurrency, 1, 10_000);
const viewBuilds = int('views', args.views, 1, 10_000);
checkOpenFiles(n, `--phones ${n}`);
hardStop('word-cloud', int('max-minutes', args['max-minutes'], 1, 600));

/** Everyday words of a Kempen workshop; phone i's answers mix three of them and one word of its own. */
const VOCABULARY = [
  'fietspaden',
  'vervoer',
  'groen',
  'ontmoeting',
  'speelpleinen',
  'bibliotheek',
  'thuiszorg',
  'betaalbaar',
  'veiligheid',
  'cultuur',
  'jeugdhuis',
  'buurtwerk',
  'kinderopvang',
  'huisarts',
  'sport',
  'natuur',
  'markt',
  'verlichting',
  'zitbanken',
  'trage',
  'wegen',
  'vrijwilligers',
  'inspraak',
  'rust',
];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** A word only phone i types (sent by one participant: never in the cloud, but a stem to count). */
const ownWord = (i: number) => {
  let word = 'idee';
  for (let x = i; ; x = Math.floor(x / 26)) {
    word += LETTERS[x % 26];
    if (x < 26) return word;
  }
};
const answersOf = (i: number): string[] => {
  const at = (j: number) => VOCABULARY[j % VOCABULARY.length]!;
  return [at(i), `meer ${at(i + 7)}`, `${at(i + 13)} en ${ownWord(i)}`];
};
/** The words the server makes of phone i's answers (WC3): no municipalities in these sessions. */
const wordsOf = (i: number) => cloudWordsOf(answersOf(i), 'nl-BE', new Set(), LIMITS.wordCloudWords);
const k = FLOORS.anonymityThreshold;

/**
 * The cloud the console must show with the ballots of `phones` (indices), counted here from their words
 * as WC6 says (each stem once per participant, k or more, the most typed form, by count then word),
 * independently of core's code, so the same check holds before and after a change to how core counts.
 */
function expectedCloud(phones: Iterable<number>): string {
  const stems = new Map<string, { count: number; forms: Map<string, number> }>();
  for (const i of phones) {
    for (const { stem, form } of wordsOf(i)) {
      const s = stems.get(stem) ?? { count: 0, forms: new Map<string, number>() };
      stems.set(stem, s);
      s.count += 1;
      s.forms.set(form, (s.forms.get(form) ?? 0) + 1);
    }
  }
  const cloud: { word: string; count: number }[] = [];
  for (const { count, forms } of stems.values()) {
    if (count < k) continue;
    const [word] = [...forms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
    cloud.push({ word, count });
  }
  return JSON.stringify(cloud.sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0)));
}

interface Run {
  respondents: number;
  joinMs: number;
  sendSpanMs: number;
  ackP50: number;
  ackP99: number;
  lastAnswerToExactMs: number;
  serverCpuBurstMs: number;
  views: number;
  cloudWords: number;
  /** Not empty when the run is void (the generator missed its plan). */
  void_: string;
}

async function oneRun(facilitator: FacilitatorChild): Promise<Run> {
  const { server, port } = await startServer('vrijuit', '', undefined);
  const url = `http://127.0.0.1:${port}`;
  const clients: Client[] = [];
  const phaseMs = 30_000 + 10 * n;
  try {
    const cookie = await benchCookie('vrijuit', url);
    const admin = await connect(url, 30_000, cookie);
    clients.push(admin);
    const { sessionId, joinCode } = await call(admin, 'session:create', {
      commandId: secret(),
      title: 'Woordwolk',
      zones: ['Zaal'],
    });
    const attached = facilitator.next('attached', 30_000);
    facilitator.send({ type: 'attach', url, sessionId, cookie });
    if (!(await attached).ok) throw new Error('the console did not attach');
    const { roundId } = await call(admin, 'round:create', {
      commandId: secret(),
      config: { kind: 'word-cloud', answers: 3 },
      question: 'Wat heeft de Kempen nodig?',
      options: [],
    });
    const view = await call(admin, 'facilitator:attach', { sessionId });
    const zoneId = view.session.zones[0]!.id;
    // AN12, AN13: the console shows stored ballots only, stored in batches of k (all first ballots queue together).
    const target = Math.floor(n / k) * k;

    const voteOf = new Map<string, number>();
    const stored = new Set<number>();
    let allStored: () => void = () => undefined;
    const allStoredPromise = new Promise<void>((resolve) => (allStored = resolve));
    const confirm = (i: number) => {
      stored.add(i);
      if (stored.size === target) allStored();
    };
    const joinStart = nowMs();
    const joined = await joinPhones(url, n, {
      concurrency,
      joinCode,
      zoneId,
      deadline: Date.now() + phaseMs,
      prepare: (socket) =>
        socket.on('inputs:stored', ({ commandIds }) => {
          for (const id of commandIds) {
            const i = voteOf.get(id);
            if (i !== undefined) confirm(i);
          }
        }),
    });
    const phones = joined.phones;
    clients.push(...phones);
    const joinMs = nowMs() - joinStart;
    await call(admin, 'round:open', { commandId: secret(), roundId });
    // Let the opening's views reach every phone before the burst.
    await new Promise((resolve) => setTimeout(resolve, 500 + n / 5));

    const views: { at: number; respondents: number; words: string }[] = [];
    let targetAt: () => void = () => undefined;
    const targetSeen = new Promise<void>((resolve) => (targetAt = resolve));
    const offViews = facilitator.on((message) => {
      if (message.type !== 'view') return;
      const round = message.rounds.find((r) => r.id === roundId);
      if (!round) return;
      views.push({ at: message.at, respondents: round.ballots, words: JSON.stringify(round.words ?? []) });
      if (round.ballots === target) targetAt();
    });

    const before = await stats(server, false);
    const sentAt = new Float64Array(n);
    const latency = new Float64Array(n).fill(NaN);
    let acked = 0;
    let allAcked: () => void = () => undefined;
    const allAckedPromise = new Promise<void>((resolve) => (allAcked = resolve));
    const refused: string[] = [];
    const start = nowMs();
    let sent = 0;
    let lastAt = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const due = Math.min(n, Math.floor(((nowMs() - start) * n) / burstMs) + 1);
        while (sent < due) {
          const i = sent++;
          sentAt[i] = nowMs();
          const commandId = secret();
          voteOf.set(commandId, i);
          phones[i]!.emit(
            'vote:cast',
            { commandId, roundId, ballot: { kind: 'word-cloud', answers: answersOf(i), words: [] } },
            (ack) => {
              latency[i] = nowMs() - sentAt[i]!;
              if (!ack.ok) refused.push(ack.error.code);
              else if ((ack.value as { stored?: boolean }).stored === true) confirm(i);
              if (++acked === n) allAcked();
            },
          );
        }
        if (sent >= n) {
          lastAt = nowMs();
          resolve();
        } else setTimeout(tick, 1);
      };
      tick();
    });
    const deadline = Date.now() + phaseMs;
    await Promise.race([allAckedPromise, until(deadline, `acks (${acked}/${n})`)]);
    if (refused.length > 0) throw new Error(`${refused.length} answers refused: ${refused[0]}`);
    await Promise.race([targetSeen, until(deadline, `a console view of ${target} respondents`)]);
    await Promise.race([allStoredPromise, until(deadline, `stored confirmations (${stored.size}/${target})`)]);
    const want = expectedCloud(stored);
    const exact = views.find((v) => v.respondents === target && v.words === want);
    if (!exact) throw new Error(`no console view with ${target} respondents and the stored phones' cloud`);
    const after = await stats(server, false);
    offViews();
    facilitator.send({ type: 'detach' });
    const sorted = latency.slice().sort();
    // As vote-burst: a generator that missed its plan (a loaded machine) makes the run void.
    const span = lastAt - sentAt[0]!;
    const void_ = span > (1.2 * burstMs * (n - 1)) / n ? ` VOID: the answers took ${span.toFixed(0)} ms to send` : '';
    return {
      void_,
      respondents: target,
      joinMs,
      sendSpanMs: lastAt - sentAt[0]!,
      ackP50: percentile(sorted, 50),
      ackP99: percentile(sorted, 99),
      lastAnswerToExactMs: exact.at - lastAt,
      serverCpuBurstMs: after.cpuMs - before.cpuMs,
      views: views.length,
      cloudWords: (JSON.parse(want) as unknown[]).length,
    };
  } finally {
    for (const client of clients) client.close();
    await server.kill(false);
    server.removeData();
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Core alone: one console view and one projector view (JSON included) with N word-cloud ballots open. */
function viewCost(): { facilitator: number; projector: number; castMs: number } {
  let s = openRoundOf(
    n,
    { question: 'Wat heeft de Kempen nodig?', options: [], config: { kind: 'word-cloud', answers: 3 } },
    ['Zaal'],
    () => ['z1', null],
  );
  const words = Array.from({ length: n }, (_, i) => wordsOf(i));
  const began = performance.now();
  for (let i = 0; i < n; i++) {
    const ballot = { kind: 'word-cloud' as const, answers: answersOf(i), words: words[i]! };
    s = applied(s, castVote(s, { participantId: benchKey('p', i), voterKey: benchKey('k', i), roundId: 'r1', ballot }));
  }
  const castMs = performance.now() - began;
  const median = (build: () => unknown) => {
    const times: number[] = [];
    for (let i = 0; i < viewBuilds; i++) {
      const t = performance.now();
      build();
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[Math.floor(viewBuilds / 2)]!;
  };
  return {
    facilitator: median(() => JSON.stringify(facilitatorView(s, 0, 0))),
    projector: median(() => JSON.stringify(projectorView(s, 0))),
    castMs,
  };
}

console.log(`word-cloud: N=${n} phones x 3 answers, ${runs} run(s), burst ${burstMs} ms; ${machine()}`);
const cost = viewCost();
console.log(
  `core alone, ${n} ballots open: cast + evolve ${ms(cost.castMs)} ms (${(cost.castMs / n).toFixed(3)} ms a ballot); ` +
    `one console view ${cost.facilitator.toFixed(3)} ms, one projector view ${cost.projector.toFixed(3)} ms (median of ${viewBuilds}, JSON included)`,
);
if (runs === 0) process.exit(0);
const facilitator: FacilitatorChild = Child.start('./facilitator.ts');
await facilitator.next('ready', 60_000);
const results: Run[] = [];
for (let r = 0; r < runs; r++) {
  const run = await oneRun(facilitator);
  results.push(run);
  console.log(
    `[${r + 1}/${runs}] join ${ms(run.joinMs)} ms, send span ${ms(run.sendSpanMs)} ms, ack p50 ${ms(run.ackP50)} ` +
      `p99 ${ms(run.ackP99)} ms, last answer -> exact cloud (${run.respondents} respondents, ${run.cloudWords} words) ` +
      `${ms(run.lastAnswerToExactMs)} ms, server CPU burst ${ms(run.serverCpuBurstMs)} ms, ${run.views} console views${run.void_}`,
  );
}
await facilitator.kill();
/** The median of the valid runs (of two: the higher). */
const valid = results.filter((r) => r.void_ === '');
const mid = (pick: (r: Run) => number) => {
  const values = valid.map(pick).sort((a, b) => a - b);
  return values.length === 0 ? NaN : values[Math.floor(values.length / 2)]!;
};
console.log(
  `median of ${valid.length} valid run(s) of ${runs}: last answer -> exact cloud ${ms(mid((r) => r.lastAnswerToExactMs))} ms, ` +
    `server CPU burst ${ms(mid((r) => r.serverCpuBurstMs))} ms, ack p99 ${ms(mid((r) => r.ackP99))} ms`,
);
process.exit(0);
