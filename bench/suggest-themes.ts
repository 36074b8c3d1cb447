/**
 * Themes suggested on the server (issue 19 item 1, SPEC SU): agreement with the hand-labelled set
 * (packages/themes/fixtures/labelled-nl.ts, 136 Dutch entries in the seed note's eight themes) and the
 * time and memory to suggest themes for a wall of N entries. In one process; no sockets, no store.
 *
 *   pnpm exec tsx bench/suggest-themes.ts --entries 200 --runs 20
 *
 * Prints, for the labelled set:
 * - cold: the eight themes as labels only, no entry filed: accuracy (entries proposed for their own
 *   theme / all entries), how many were proposed at all, and how many of those were right;
 * - warm: one entry in four (per theme) already filed under its theme, as participants tag them (PP2):
 *   the same on the other three in four;
 * - no themes: the round has none; the adjusted Rand index (ARI) of the proposed new themes against the
 *   human labels (entries in no group count as groups of one), and the groups' labels.
 * Then the time to suggest themes for a wall of `--entries` entries (the labelled texts repeated with
 * variants, eight themes, cold), median and max of `--runs` runs after one warm-up, and the heap and
 * RSS growth over the runs.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { SEED_THEMES, LABELLED_NL } from '../packages/themes/fixtures/labelled-nl.ts';
import { suggestThemes, SUGGEST_TUNING, type SuggestEntry, type SuggestTuning } from '../packages/themes/src/index.ts';
import { int } from './cli.ts';

const { values: args } = parseArgs({
  options: {
    entries: { type: 'string', default: '200' },
    runs: { type: 'string', default: '20' },
    'theme-min': { type: 'string' },
    'new-min': { type: 'string' },
    passes: { type: 'string' },
  },
});
const size = int('entries', args.entries, 1, 100_000);
const runs = int('runs', args.runs, 1, 10_000);
const tuning: SuggestTuning = {
  ...SUGGEST_TUNING,
  ...(args['theme-min'] ? { themeMin: Number(args['theme-min']) } : {}),
  ...(args['new-min'] ? { newMin: Number(args['new-min']) } : {}),
  ...(args.passes ? { passes: Number(args.passes) } : {}),
};

/** Ids spread like the server's random ids: the order of the set says nothing. */
const idOf = (i: number) => createHash('sha256').update(`entry${i}`).digest('base64url').slice(0, 12);
const themes = SEED_THEMES.map((label, i) => ({ id: String(i + 1), label }));
const themeIdOf = (label: string) => themes.find((t) => t.label === label)!.id;
const truth = new Map(LABELLED_NL.map((e, i) => [idOf(i), themeIdOf(e.theme)]));

function agreement(filedEvery: number | null) {
  const filed = (i: number) => filedEvery !== null && i % filedEvery === 0;
  const entries: SuggestEntry[] = LABELLED_NL.map((e, i) => ({
    id: idOf(i),
    text: e.text,
    themeId: filed(i) ? themeIdOf(e.theme) : null,
  }));
  const s = suggestThemes({ entries, themes, language: 'nl-BE' }, tuning);
  const asked = entries.filter((e) => e.themeId === null).length;
  let proposed = 0;
  let right = 0;
  for (const t of s.themes)
    for (const id of t.pointIds) {
      proposed++;
      if (truth.get(id) === t.themeId) right++;
    }
  return { asked, proposed, right, newGroups: s.newThemes.length };
}

/** Adjusted Rand index of two labellings of the same items (Hubert and Arabie, 1985). */
function ari(a: readonly string[], b: readonly string[]): number {
  const choose2 = (n: number) => (n * (n - 1)) / 2;
  const count = (xs: readonly string[]) => {
    const m = new Map<string, number>();
    for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
    return [...m.values()];
  };
  const pairs = a.map((x, i) => `${x}\u0000${b[i]}`);
  const index = count(pairs).reduce((s, n) => s + choose2(n), 0);
  const sumA = count(a).reduce((s, n) => s + choose2(n), 0);
  const sumB = count(b).reduce((s, n) => s + choose2(n), 0);
  const expected = (sumA * sumB) / choose2(a.length);
  const max = (sumA + sumB) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

function withoutThemes() {
  const entries = LABELLED_NL.map((e, i) => ({ id: idOf(i), text: e.text, themeId: null }));
  const s = suggestThemes({ entries, themes: [], language: 'nl-BE' }, tuning);
  const groupOf = new Map<string, string>();
  s.newThemes.forEach((g, i) => g.pointIds.forEach((id) => groupOf.set(id, `g${i}`)));
  const ids = entries.map((e) => e.id);
  const score = ari(
    ids.map((id) => truth.get(id)!),
    ids.map((id) => groupOf.get(id) ?? `alone:${id}`),
  );
  return { score, groups: s.newThemes, grouped: groupOf.size };
}

const pct = (x: number, n: number) => `${x}/${n} (${((100 * x) / n).toFixed(1)}%)`;
console.log(`tuning ${JSON.stringify(tuning)}`);
for (const [name, every] of [
  ['cold', null],
  ['warm', 4],
] as const) {
  const r = agreement(every);
  console.log(
    `${name}: accuracy ${pct(r.right, r.asked)}, proposed ${pct(r.proposed, r.asked)}, ` +
      `right among proposed ${pct(r.right, r.proposed)}, new groups ${r.newGroups}`,
  );
}
const none = withoutThemes();
console.log(
  `no themes: ARI ${none.score.toFixed(3)}, ${none.groups.length} groups holding ${none.grouped}/${LABELLED_NL.length} entries`,
);
for (const g of none.groups)
  console.log(
    `  ${g.label} (${g.pointIds.length}): ${[...new Set(g.pointIds.map((id) => SEED_THEMES[Number(truth.get(id)) - 1]))].join(' | ')}`,
  );

// Time and memory on a wall of `size` entries.
const variants = ['', ' !', ' echt', ' in onze gemeente', ' ook bij ons'];
const wall: SuggestEntry[] = Array.from({ length: size }, (_, i) => {
  const base = LABELLED_NL[i % LABELLED_NL.length]!;
  return {
    id: idOf(i),
    text: base.text + variants[Math.floor(i / LABELLED_NL.length) % variants.length],
    themeId: null,
  };
});
suggestThemes({ entries: wall, themes, language: 'nl-BE' }, tuning);
const heap0 = process.memoryUsage();
const times: number[] = [];
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  suggestThemes({ entries: wall, themes, language: 'nl-BE' }, tuning);
  times.push(performance.now() - t0);
}
const heap1 = process.memoryUsage();
times.sort((a, b) => a - b);
const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
console.log(
  `${size} entries: median ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms ` +
    `over ${runs} runs; heap ${mb(heap1.heapUsed)} MB (growth ${mb(heap1.heapUsed - heap0.heapUsed)} MB), ` +
    `rss ${mb(heap1.rss)} MB`,
);
