/**
 * What sealing costs on PostgreSQL (core SPEC AN25): per ballot, its row's key (an HMAC of the voter key)
 * and its voter key and ballot sealed together (what PgStore.commit adds to a vote), their opening (what
 * loading a session adds), and a new round key (its slot written and synced: once per round, before the
 * round's first stored input) and its destruction (at the close); and a session's cells (LC7, AN27): a
 * vote's command record sealed with the session key, a join's four cells (name, zone, municipality, token
 * hash: one of them a lookup seal), and their opening at a load.
 * Run: pnpm exec tsx bench/pg-seal.ts (docs/benchmarks.md, "Sealing on PostgreSQL").
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RoundKeyring } from '../apps/server/src/store/round-keys.ts';
import { SessionSeal } from '../apps/server/src/store/sealed-cells.ts';
import { RoundSeal } from '../apps/server/src/store/sealed-inputs.ts';

const N = 50_000;
const seal = new RoundSeal(randomBytes(32), 'session-bench', 'round-bench');
const keys = Array.from({ length: N }, () => randomBytes(32).toString('base64url'));
const ballot = JSON.stringify({ kind: 'dot-voting', dots: { o1: 2, o2: 1 } });

const time = (label: string, n: number, work: () => void) => {
  const started = process.hrtime.bigint();
  work();
  const us = Number(process.hrtime.bigint() - started) / 1000 / n;
  console.log(`${label}: ${us.toFixed(2)} µs each (n = ${n})`);
};

const sealed: { row: string; ballot: string }[] = [];
for (let round = 0; round < 3; round++) {
  sealed.length = 0;
  time(`a ballot's row key and its sealed voter key and ballot (run ${round + 1})`, N, () => {
    for (const key of keys) sealed.push({ row: seal.voterRow(key), ballot: seal.ballot(key, ballot) });
  });
  time(`opened again (run ${round + 1})`, N, () => {
    for (const s of sealed) seal.openBallot(s.ballot);
  });
}

const cells = new SessionSeal(randomBytes(32), 'session-bench');
const record = JSON.stringify({ ok: true, value: { roundId: 'r-0123456789abcdef', stored: true } });
const joins = keys.map((key, i) => [`Deelnemer ${i}`, 'z3', 'z3m12', key] as const);
let sealedCells: (string | Buffer)[] = [];
for (let round = 0; round < 3; round++) {
  time(`a vote's command record sealed with the session key (run ${round + 1})`, N, () => {
    for (let i = 0; i < N; i++) cells.seal(record);
  });
  sealedCells = [];
  time(`a join's four cells sealed (run ${round + 1})`, N, () => {
    for (const [name, zone, municipality, token] of joins) {
      sealedCells.push(cells.seal(name), cells.seal(zone), cells.seal(municipality), cells.seal(token, true));
    }
  });
  time(`a join's four cells opened (run ${round + 1})`, N, () => {
    for (const cell of sealedCells) cells.open(cell);
  });
}

const dir = mkdtempSync(join(tmpdir(), 'vrijuit-keys-bench-'));
const ring = RoundKeyring.open(dir);
const ROUNDS = 200;
time('a new round key, written and synced', ROUNDS, () => {
  for (let i = 0; i < ROUNDS; i++) ring.keyFor('session-bench', `round-${i}`);
});
time('a round key destroyed (zeroed and synced)', ROUNDS, () => {
  for (let i = 0; i < ROUNDS; i++) ring.destroy('session-bench', `round-${i}`);
});
ring.close();
rmSync(dir, { recursive: true, force: true });
