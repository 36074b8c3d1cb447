/**
 * A persistent record for the parts of a session that grow with every input (a round's pain points,
 * its per-voter counts): the entries sit in buckets by the first character of their key, so changing
 * one entry copies one bucket and the small outer record, not every entry (which made each input cost
 * as much as the whole round, P3). Keys are random ids or voter keys, so buckets fill evenly. An empty
 * table is `{}`. Iteration order means nothing; views sort (AN9).
 */
export type Table<V> = Readonly<Record<string, Readonly<Record<string, V>>>>;

const bucketOf = (key: string) => key.charAt(0);

export function tableGet<V>(table: Table<V>, key: string): V | undefined {
  const bucket = table[bucketOf(key)];
  return bucket && Object.hasOwn(bucket, key) ? bucket[key] : undefined;
}

/** The table with `key` set to `value`; `table` itself is not changed. */
export function tableSet<V>(table: Table<V>, key: string, value: V): Table<V> {
  const b = bucketOf(key);
  return { ...table, [b]: { ...table[b], [key]: value } };
}

/** The table with every entry of `entries` set (later ones win): each bucket touched is copied once. */
export function tableSetAll<V>(table: Table<V>, entries: Iterable<readonly [string, V]>): Table<V> {
  const out: Record<string, Record<string, V>> = { ...table };
  const copied = new Set<string>();
  for (const [key, value] of entries) {
    const b = bucketOf(key);
    if (!copied.has(b)) {
      out[b] = { ...out[b] };
      copied.add(b);
    }
    out[b]![key] = value;
  }
  return out;
}

/** The table with each of `keys` that is present changed by `change`. */
export function tableUpdate<V>(table: Table<V>, keys: readonly string[], change: (value: V) => V): Table<V> {
  const out: Record<string, Record<string, V>> = { ...table };
  const copied = new Set<string>();
  for (const key of keys) {
    const b = bucketOf(key);
    const bucket = out[b];
    if (!bucket || !Object.hasOwn(bucket, key)) continue;
    if (!copied.has(b)) {
      out[b] = { ...bucket };
      copied.add(b);
    }
    out[b]![key] = change(bucket[key] as V);
  }
  return out;
}

export function tableValues<V>(table: Table<V>): V[] {
  return Object.values(table).flatMap((bucket) => Object.values(bucket));
}

export function tableFromEntries<V>(entries: Iterable<readonly [string, V]>): Table<V> {
  const buckets = new Map<string, [string, V][]>();
  for (const [key, value] of entries) {
    const b = bucketOf(key);
    const list = buckets.get(b) ?? [];
    list.push([key, value]);
    buckets.set(b, list);
  }
  // fromEntries defines own properties, so a key such as `__proto__` stays data.
  return Object.fromEntries([...buckets].map(([b, list]) => [b, Object.fromEntries(list)]));
}

/** A plain record of every entry (for tests and the store's rows). */
export function tableToRecord<V>(table: Table<V>): Record<string, V> {
  return Object.fromEntries(Object.values(table).flatMap((bucket) => Object.entries(bucket)));
}
