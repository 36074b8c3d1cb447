import { describe, expect, it } from 'vitest';
import { tableFromEntries, tableGet, tableSet, tableToRecord, tableUpdate, tableValues, type Table } from './table.ts';

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
    // The untouched bucket is shared, not copied.
    expect(bumped['x']).toBe(two['x']);
  });

  it('holds keys that look like object internals as data', () => {
    const t = tableFromEntries([
      ['__proto__', 1],
      ['constructor', 2],
    ]);
    expect(tableGet(t, '__proto__')).toBe(1);
    expect(tableValues(t).sort()).toEqual([1, 2]);
  });

  it('sets one entry in a big table by copying one bucket, not every entry', () => {
    const keys = Array.from({ length: 6400 }, (_, i) => `${String.fromCharCode(65 + (i % 26))}${i}`);
    let t: Table<number> = tableFromEntries(keys.map((k, i) => [k, i]));
    t = tableSet(t, 'Anew', -1);
    expect(tableValues(t)).toHaveLength(6401);
    const copied = Object.values(t).filter((bucket) => Object.hasOwn(bucket, 'Anew'));
    expect(copied).toHaveLength(1);
    expect(Object.keys(copied[0]!).length).toBeLessThan(300);
  });
});
