import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  isFilledTable,
  tableFromEntries,
  tableGet,
  tableOfSlices,
  tableSlices,
  tableSet,
  tableSetInPlace,
  tableToRecord,
  tableUpdate,
  tableValues,
  type Table,
} from './table.ts';

describe('table', () => {
  it('gets, sets and updates without changing its input', () => {
    const empty: Table<number> = {};
    const one = tableSet(empty, 'abc', 1);
    const two = tableSet(one, 'xyz', 2);
    expect(empty).toEqual({});
    expect(tableToRecord(one)).toEqual({ abc: 1 });
    expect(tableToRecord(two)).toEqual({ abc: 1, xyz: 2 });
    expect(tableGet(two, 'abc')).toBe(1);
    expect(tableGet(two, 'nope')).toBeUndefined();
    expect(tableGet(two, '__proto__')).toBeUndefined();
    const bumped = tableUpdate(two, ['abc', 'missing', 'abd'], (n) => n + 10);
    expect(tableToRecord(bumped)).toEqual({ abc: 11, xyz: 2 });
    expect(tableToRecord(two)).toEqual({ abc: 1, xyz: 2 });
    // The untouched slot ('x…') is shared, not copied.
    const slot = (t: Table<number>) => t.slots?.['x'.charCodeAt(0) & 63];
    expect(slot(bumped)).toBeDefined();
    expect(slot(bumped)).toBe(slot(two));
  });

  it('holds keys that look like object internals as data', () => {
    const t = tableFromEntries([
      ['__proto__', 1],
      ['constructor', 2],
    ]);
    expect(tableGet(t, '__proto__')).toBe(1);
    expect(tableValues(t).sort()).toEqual([1, 2]);
  });

  it('SE6 sets one entry in a big table by copying two slot arrays and one small bucket, not every entry', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) =>
      `${i.toString(36)}-${(i * 7919).toString(36)}`.split('').reverse().join(''),
    );
    const t: Table<number> = tableFromEntries(keys.map((k, i) => [k, i]));
    const next = tableSet(t, 'Anew', -1);
    expect(tableValues(next)).toHaveLength(10_001);
    expect(tableGet(next, 'Anew')).toBe(-1);
    const i = 'A'.charCodeAt(0) & 63;
    const j = 'n'.charCodeAt(0) & 63;
    // Every other slot array and every other bucket is the same object as before.
    next.slots!.forEach((inner, at) => at === i || expect(inner).toBe(t.slots![at]));
    next.slots![i]!.forEach((bucket, at) => at === j || expect(bucket).toBe(t.slots![i]?.[at]));
    expect(Object.keys(next.slots![i]![j]!).length).toBeLessThan(20);
  });

  it('SE6 every way of setting makes buckets without a prototype (hash tables in V8: random keys grow no shared hidden classes)', () => {
    const buckets = (t: Table<number>) =>
      (t.slots ?? []).flatMap((inner) => (inner ?? []).filter((b) => b !== undefined));
    const made = [
      tableSet({}, 'abc', 1),
      tableFromEntries([['abc', 1]]),
      tableUpdate(tableSet({}, 'abc', 1), ['abc'], (n) => n + 1),
      tableSetInPlace({}, 'abc', 1, new Set()),
    ];
    for (const t of made) {
      expect(buckets(t)).toHaveLength(1);
      for (const bucket of buckets(t)) expect(Object.getPrototypeOf(bucket)).toBeNull();
    }
  });

  it('SE6 tables equal however they were built: set one by one, all at once, or in another order', () => {
    const entries = Array.from({ length: 500 }, (_, i) => [`k${(i * 2654435761) % 1000003}`, i] as const);
    let oneByOne: Table<number> = {};
    for (const [k, v] of entries) oneByOne = tableSet(oneByOne, k, v);
    expect(oneByOne).toEqual(tableFromEntries(entries));
    expect(tableFromEntries([...entries].reverse())).toEqual(tableFromEntries(entries));
    expect(JSON.parse(JSON.stringify(oneByOne))).toEqual(JSON.parse(JSON.stringify(tableFromEntries(entries))));
    expect(tableToRecord(oneByOne)).toEqual(Object.fromEntries(entries));
  });
});

describe('SE9 a table in slices', () => {
  it('SE9 tableSlices gives each filled first-level slot once; tableOfSlices of them is the table again', () => {
    // Keys spread as the server's random ids are (a table buckets by a key's first characters).
    const entries = Array.from(
      { length: 500 },
      (_, i) => [createHash('sha256').update(`k${i}`).digest('base64url'), i] as const,
    );
    const table = tableFromEntries(entries);
    const slices = tableSlices(table);
    expect(new Set(slices.map((s) => s.slot)).size).toBe(slices.length);
    expect(slices.length).toBeGreaterThan(1);
    const again = tableOfSlices<number>(slices);
    expect(tableToRecord(again)).toEqual(tableToRecord(table));
    expect(again).toEqual(table);
    expect(isFilledTable(table)).toBe(true);
    expect(isFilledTable({})).toBe(false);
    expect(isFilledTable({ slots: [] })).toBe(false);
    expect(tableOfSlices([])).toEqual({});
    expect(tableSlices({})).toEqual([]);
  });
});
