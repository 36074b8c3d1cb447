/**
 * One co-writing run (P4) against one server (Vrijuit's Yjs endpoint, or the stock @y/websocket-server):
 * E editors in `procs` processes of their own (bench/editor.ts) type into one text at a steady rate; the
 * delay from each keystroke to its arrival at every other editor, and the server's CPU while they type.
 */
import { textDocName } from '../packages/protocol/src/index.ts';
import { benchCookie } from './account.ts';
import { Child } from './children.ts';
import { call, connect, secret, serverStats, type ServerChild } from './client.ts';
import { BUCKET_MS, BUCKETS, type FromEditors, type ToEditors } from './editor.ts';
import { nowMs } from './ipc.ts';

export type EditorsChild = Child<ToEditors, FromEditors>;

export interface WritingOptions {
  editors: number;
  /** Editors that apply every update and measure (the first ones); the others only type (bench/editor.ts). */
  watchers: number;
  procs: number;
  /** Characters a second per editor. */
  rate: number;
  seconds: number;
}

export interface WritingResult {
  kind: string;
  editors: number;
  valid: boolean;
  problems: string[];
  connectMs: number;
  p50: number;
  p99: number;
  max: number;
  arrivals: number;
  expected: number;
  /** Server CPU time over the typing window, as a share of one core (1 = 100 %). */
  cpuShare: number;
  /** Keystroke sent - planned, worst process: p99 and max (the generator's own delay). */
  lagP99: number;
  lagMax: number;
}

/** The p-th percentile (nearest rank) of a histogram of BUCKET_MS buckets: the bucket's upper edge. */
function histogramPercentile(histogram: Float64Array, count: number, p: number): number {
  if (count === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * count));
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i]!;
    if (seen >= rank) return (i + 1) * BUCKET_MS;
  }
  return NaN;
}

export async function runWriting(
  kind: string,
  server: ServerChild,
  port: number,
  options: WritingOptions,
): Promise<WritingResult> {
  const result: WritingResult = {
    kind,
    editors: options.editors,
    valid: false,
    problems: [],
    connectMs: NaN,
    p50: NaN,
    p99: NaN,
    max: NaN,
    arrivals: 0,
    expected: 0,
    cpuShare: NaN,
    lagP99: NaN,
    lagMax: NaN,
  };
  const url = `http://127.0.0.1:${port}`;
  const children: EditorsChild[] = [];
  try {
    // Vrijuit: a session with an open position-text round (TX1); its plenary text is the document.
    let participant: Extract<ToEditors, { type: 'connect' }>['participant'] = null;
    let room = 'floor/text';
    if (kind === 'vrijuit') {
      const cookie = await benchCookie(kind, url);
      const admin = await connect(url, 30_000, cookie);
      const { sessionId, joinCode } = await call(admin, 'session:create', {
        commandId: secret(),
        title: 'Co-writing',
        zones: ['Zaal'],
      });
      const { roundId } = await call(admin, 'round:create', {
        commandId: secret(),
        question: 'Ons standpunt',
        options: [],
        config: { kind: 'position-text', zoneDrafts: false },
      });
      await call(admin, 'round:open', { commandId: secret(), roundId });
      const view = await call(admin, 'facilitator:attach', { sessionId });
      admin.close();
      const zoneId = view.session.zones[0]?.id;
      if (!zoneId) throw new Error('no zone in the facilitator view');
      const docName = textDocName(roundId, null);
      participant = { joinCode, zoneId, sessionId, docName };
      room = `${sessionId}/${docName}`;
    }

    const connectStart = nowMs();
    for (let p = 0; p < options.procs; p++) {
      const child: EditorsChild = Child.start('./editor.ts');
      children.push(child);
    }
    await Promise.all(children.map((c) => c.next('ready', 60_000)));
    const connected = await Promise.all(
      children.map((child, p) => {
        const reply = child.next('connected', 120_000);
        const editors = Array.from({ length: options.editors }, (_, e) => e).filter((e) => e % options.procs === p);
        child.send({
          type: 'connect',
          url,
          room,
          participant,
          editors,
          total: options.editors,
          watchers: options.watchers,
        });
        return reply;
      }),
    );
    for (const c of connected) if (c.error) throw new Error(`editors did not connect: ${c.error}`);
    result.connectMs = nowMs() - connectStart;

    const periodMs = 1000 / options.rate;
    const keystrokes = Math.round(options.seconds * options.rate);
    const drainMs = 30_000;
    const start = nowMs() + 1000;
    const done = children.map((c) => c.next('done', options.seconds * 1000 + drainMs + 60_000));
    for (const child of children) child.send({ type: 'type', start, periodMs, keystrokes, drainMs });
    // The server's CPU over the typing window (start -> the last planned keystroke).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, start - nowMs())));
    const before = await serverStats(server, false);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, start + keystrokes * periodMs - nowMs())));
    const after = await serverStats(server, false);
    result.cpuShare = (after.cpuMs - before.cpuMs) / (after.at - before.at);

    const reports = await Promise.all(done);
    const histogram = new Float64Array(BUCKETS);
    let incomplete = 0;
    for (const r of reports) {
      r.histogram.forEach((count, i) => (histogram[i] = histogram[i]! + count));
      result.arrivals += r.arrivals;
      result.expected += r.expected;
      incomplete += r.incomplete;
      result.lagP99 = Math.max(Number.isFinite(result.lagP99) ? result.lagP99 : 0, r.lagP99);
      result.lagMax = Math.max(Number.isFinite(result.lagMax) ? result.lagMax : 0, r.lagMax);
    }
    result.p50 = histogramPercentile(histogram, result.arrivals, 50);
    result.p99 = histogramPercentile(histogram, result.arrivals, 99);
    result.max = histogramPercentile(histogram, result.arrivals, 100);

    if (incomplete > 0) result.problems.push(`${incomplete} editors did not get every keystroke`);
    if (result.arrivals !== result.expected) {
      result.problems.push(`${result.arrivals} keystroke arrivals, expected ${result.expected}`);
    }
    // The generator missed its plan: keystrokes went out late (a stall of the editors' processes).
    if (result.lagP99 > 50)
      result.problems.push(`void: keystrokes sent up to ${result.lagP99.toFixed(0)} ms late (p99)`);
    result.valid = result.problems.length === 0;
  } catch (error) {
    result.problems.push(error instanceof Error ? error.message : String(error));
  } finally {
    await Promise.all(children.map((c) => c.kill()));
  }
  return result;
}
