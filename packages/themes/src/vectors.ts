/**
 * Sparse weighted feature vectors and their cosine (SU3). A text's features are its stems and the
 * four-letter pieces of each word, so the parts of Dutch compounds ("huurwoning", "woning") and typos
 * ("wachtljst") still meet; each feature is weighed by its inverse document frequency on the wall.
 */

export type Vector = Map<string, number>;

/** How much the four-letter pieces of a word weigh together (in length), against 1 for its stem. */
const PIECES_WEIGHT = 1;
const PIECE = 4;

/**
 * The raw features of a text's words: each stem 1, and the four-letter pieces of the word as typed
 * (accents folded) together as long as PIECES_WEIGHT, so "huurwoningen" meets "woningen" though their stems differ.
 */
export function featuresOf(words: readonly { stem: string; folded: string }[]): Vector {
  const v: Vector = new Map();
  const add = (f: string, w: number) => v.set(f, (v.get(f) ?? 0) + w);
  for (const { stem, folded } of words) {
    add(`w:${stem}`, 1);
    if (folded.length <= PIECE) continue;
    const count = folded.length - PIECE + 1;
    for (let i = 0; i < count; i++) add(`p:${folded.slice(i, i + PIECE)}`, PIECES_WEIGHT / Math.sqrt(count));
  }
  return v;
}

/** Inverse document frequency of every feature over the given documents: ln(1 + n / df). */
export function idfOf(documents: readonly Vector[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const d of documents) for (const f of d.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const n = documents.length;
  const idf = new Map<string, number>();
  for (const [f, count] of df) idf.set(f, Math.log(1 + n / count));
  return idf;
}

/** The vector weighed by idf and scaled to length 1 (the zero vector stays empty). */
export function weigh(v: Vector, idf: ReadonlyMap<string, number>): Vector {
  const out: Vector = new Map();
  let norm = 0;
  for (const [f, w] of v) {
    const x = w * (idf.get(f) ?? 0);
    if (x === 0) continue;
    out.set(f, x);
    norm += x * x;
  }
  if (norm === 0) return out;
  const scale = 1 / Math.sqrt(norm);
  for (const [f, x] of out) out.set(f, x * scale);
  return out;
}

/** The dot product: the cosine of two vectors of length 1. */
export function dot(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [f, x] of small) {
    const y = large.get(f);
    if (y !== undefined) sum += x * y;
  }
  return sum;
}

/** The sum of vectors, scaled to length 1: a centroid's direction. */
export function centroid(vectors: readonly Vector[]): Vector {
  const sum: Vector = new Map();
  for (const v of vectors) for (const [f, x] of v) sum.set(f, (sum.get(f) ?? 0) + x);
  let norm = 0;
  for (const x of sum.values()) norm += x * x;
  if (norm === 0) return sum;
  const scale = 1 / Math.sqrt(norm);
  for (const [f, x] of sum) sum.set(f, x * scale);
  return sum;
}
