import { centroid, dot, featuresOf, idfOf, weigh, type Vector } from './vectors.ts';
import { wordsOf, type ThemeLanguage, type Word } from './words.ts';

/**
 * Themes suggested on the server (SPEC SU): a pure function of the wall's visible entries, the round's
 * themes and the session's language. No I/O, no clock, no randomness, nothing sent anywhere.
 */

/** An entry as the wall shows it to the facilitator: its random id, its text, its theme or none. */
export interface SuggestEntry {
  id: string;
  text: string;
  themeId: string | null;
}

/** A theme of the round: its option id and label. */
export interface SuggestTheme {
  id: string;
  label: string;
}

export interface SuggestInput {
  entries: readonly SuggestEntry[];
  themes: readonly SuggestTheme[];
  language: ThemeLanguage;
}

export interface Suggestions {
  /** For each theme of the round that gets entries: the entries proposed for it (by id). */
  themes: { themeId: string; pointIds: string[] }[];
  /** Entries that fit no theme, grouped, each group with a short label from its shared words. */
  newThemes: { label: string; pointIds: string[] }[];
}

/** The tuning, measured on the labelled set (docs/benchmarks.md, "Suggested themes"). */
export const SUGGEST_TUNING = {
  /** Least cosine between an entry and a theme's profile to propose it there. */
  themeMin: 0.12,
  /** Least cosine between two entries to group them into a new theme. */
  newMin: 0.2,
  /** Passes in which entries proposed for a theme join its profile. */
  passes: 3,
  /** Words in a new theme's label, at most. */
  labelWords: 2,
  /** Length of a label, at most (protocol LIMITS.optionLabel). */
  labelLength: 120,
} as const;

export type SuggestTuning = { [K in keyof typeof SUGGEST_TUNING]: number };

interface Item {
  id: string;
  words: Word[];
  vector: Vector;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** SU1-SU6: suggest themes for the entries of a pain-point wall. */
export function suggestThemes(input: SuggestInput, tuning: SuggestTuning = SUGGEST_TUNING): Suggestions {
  // SU5: one entry per id, in id order, so the input's order changes nothing.
  const entries = uniqueById(input.entries);
  const themes = uniqueById(input.themes);
  const themeIds = new Set(themes.map((t) => t.id));

  const entryWords = entries.map((e) => wordsOf(e.text, input.language));
  const themeWords = themes.map((t) => wordsOf(t.label, input.language));
  const raw = [...entryWords, ...themeWords].map(featuresOf);
  const idf = idfOf(raw);
  const items: Item[] = entries.map((e, i) => ({ id: e.id, words: entryWords[i]!, vector: weigh(raw[i]!, idf) }));
  const labelVectors = themes.map((_, i) => weigh(raw[entries.length + i]!, idf));

  // SU2: a theme's profile is its label and the entries already filed under it.
  const members = new Map<string, Vector[]>(themes.map((t, i) => [t.id, [labelVectors[i]!]]));
  items.forEach((item, i) => {
    const themeId = entries[i]!.themeId;
    if (themeId !== null && themeIds.has(themeId)) members.get(themeId)!.push(item.vector);
  });
  let open = items.filter((item, i) => {
    const themeId = entries[i]!.themeId;
    return (themeId === null || !themeIds.has(themeId)) && item.vector.size > 0;
  });

  // SU2: each pass proposes the entries close enough to a profile; they join it for the next pass.
  const proposed = new Map<string, string[]>();
  for (let pass = 0; pass < tuning.passes && open.length > 0 && themes.length > 0; pass++) {
    const profiles = themes.map((t) => ({ id: t.id, vector: centroid(members.get(t.id)!) }));
    const rest: Item[] = [];
    const joined: [string, Vector][] = [];
    for (const item of open) {
      let best: { id: string; score: number } | null = null;
      for (const p of profiles) {
        const score = dot(item.vector, p.vector);
        if (best === null || score > best.score) best = { id: p.id, score };
      }
      if (best !== null && best.score >= tuning.themeMin) {
        proposed.set(best.id, [...(proposed.get(best.id) ?? []), item.id]);
        joined.push([best.id, item.vector]);
      } else rest.push(item);
    }
    for (const [id, v] of joined) members.get(id)!.push(v);
    open = rest;
    if (joined.length === 0) break;
  }

  return {
    themes: themes
      .filter((t) => proposed.has(t.id))
      .map((t) => ({ themeId: t.id, pointIds: [...proposed.get(t.id)!].sort() })),
    newThemes: groupRest(open, tuning),
  };
}

function uniqueById<T extends { id: string }>(list: readonly T[]): T[] {
  const seen = new Set<string>();
  return [...list].sort(byId).filter((x) => !seen.has(x.id) && seen.add(x.id) !== undefined);
}

/**
 * SU4: the entries no theme took, grouped. Repeatedly the entry with the most neighbours (cosine at least
 * newMin; ties to the lowest id) takes its neighbours still free into a group of its own; entries with no
 * neighbour stay out of every group.
 */
function groupRest(items: readonly Item[], tuning: SuggestTuning): Suggestions['newThemes'] {
  const n = items.length;
  const neighbours: number[][] = items.map(() => []);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      if (dot(items[i]!.vector, items[j]!.vector) >= tuning.newMin) {
        neighbours[i]!.push(j);
        neighbours[j]!.push(i);
      }
  const free = new Set(items.map((_, i) => i));
  const groups: Suggestions['newThemes'] = [];
  for (;;) {
    // `free` keeps id order, so the first entry with the most free neighbours has the lowest id.
    let seed = -1;
    let most = 0;
    for (const i of free) {
      const count = neighbours[i]!.filter((j) => free.has(j)).length;
      if (count > most) [seed, most] = [i, count];
    }
    if (seed < 0) break;
    const group = [seed, ...neighbours[seed]!.filter((j) => free.has(j))];
    for (const i of group) free.delete(i);
    const chosen = group.map((i) => items[i]!);
    groups.push({ label: labelOf(chosen, tuning), pointIds: chosen.map((c) => c.id).sort() });
  }
  return groups;
}

/**
 * SU4: a new theme's label: its words shared by the most entries (at least two when any are shared),
 * each as most often typed, most shared first; ties to the rarer word on the wall, then alphabetically.
 */
function labelOf(group: readonly Item[], tuning: SuggestTuning): string {
  const stats = new Map<string, { entries: number; weight: number; surfaces: Map<string, number> }>();
  for (const item of group) {
    const seen = new Set<string>();
    for (const w of item.words) {
      const s = stats.get(w.stem) ?? { entries: 0, weight: 0, surfaces: new Map<string, number>() };
      if (!seen.has(w.stem)) {
        s.entries++;
        s.weight += item.vector.get(`w:${w.stem}`) ?? 0;
        seen.add(w.stem);
      }
      s.surfaces.set(w.surface, (s.surfaces.get(w.surface) ?? 0) + 1);
      stats.set(w.stem, s);
    }
  }
  const ranked = [...stats.entries()].sort(
    ([a, x], [b, y]) => y.entries - x.entries || y.weight - x.weight || (a < b ? -1 : a > b ? 1 : 0),
  );
  const shared = ranked.filter(([, s]) => s.entries >= 2);
  const words = (shared.length > 0 ? shared : ranked).slice(0, tuning.labelWords).map(([, s]) => {
    const surfaces = [...s.surfaces.entries()].sort(
      ([a, x], [b, y]) => y - x || a.length - b.length || (a < b ? -1 : a > b ? 1 : 0),
    );
    return surfaces[0]![0];
  });
  const label = words.join(', ');
  return (label.charAt(0).toUpperCase() + label.slice(1)).slice(0, tuning.labelLength);
}
