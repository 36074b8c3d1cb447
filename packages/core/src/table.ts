/**
 * A persistent record for the parts of a session that grow with every input (its participants, an open
 * round's ballots, a round's pain points and per-voter counts), SPEC SE6. Entries sit in small buckets
 * found through two levels of 64 slots, by the first and the second character of their key: changing one
 * entry copies two 64-slot arrays and one bucket (a few entries even at 10,000), never every entry. Keys
 * are random ids, voter keys or hashes, so buckets fill evenly. The empty table is `{}`; a table is plain
 * data (arrays and records), so it compares, clones and serialises like the rest of the state. Iteration
 * order means nothing; views sort (AN9).
 */
export interface Table<V> {
  readonly slots?: readonly (Inner<V> | undefined)[];
}

type Bucket<V> = Readonly<Record<string, V>>;
type Inner<V> = readonly (Bucket<V> | undefined)[];

const SLOTS = 64;
const slotOf = (key: string, at: number) => key.charCodeAt(at) & (SLOTS - 1);
const emptySlots = <T>(): (T | undefined)[] => new Array<T | undefined>(SLOTS).fill(undefined);

function bucketOf<V>(table: Table<V>, key: string): Bucket<V> | undefined {
  return table.slots?.[slotOf(key, 0)]?.[slotOf(key, 1)];
}

export function tableGet<V>(table: Table<V>, key: string): V | undefined {
  const bucket = bucketOf(table, key);
  return bucket && Object.hasOwn(bucket, key) ? bucket[key] : undefined;
}

/**
 * Copies what a change of the entries under `keys` touches, then lets `write` change those buckets (each
 * copied once, however many of `keys` fall in it). The untouched slots and buckets stay shared.
 */
function changed<V>(
  table: Table<V>,
  keys: Iterable<string>,
  write: (key: string, bucket: Record<string, V>) => void,
): Table<V> {
  const slots = table.slots ? table.slots.slice() : emptySlots<Inner<V>>();
  const copiedInner = new Set<number>();
  const copiedBuckets = new Set<Record<string, V>>();
  for (const key of keys) {
    const i = slotOf(key, 0);
    const j = slotOf(key, 1);
    if (!copiedInner.has(i)) {
      slots[i] = slots[i] ? slots[i].slice() : emptySlots<Bucket<V>>();
      copiedInner.add(i);
    }
    const inner = slots[i] as (Bucket<V> | undefined)[];
    let bucket = inner[j] as Record<string, V> | undefined;
    if (!bucket || !copiedBuckets.has(bucket)) {
      bucket = bucketCopy(bucket);
      inner[j] = bucket;
      copiedBuckets.add(bucket);
    }
    write(key, bucket);
  }
  return { slots };
}

/**
 * A bucket's copy, made without a prototype: V8 keeps such an object as a hash table (dictionary mode),
 * so adding a key costs a hash insert. A literal copy (`{ ...bucket }`) keeps a hidden class per set of
 * keys instead, and random keys (voter keys, ids) grow one shared transition tree with every entry ever
 * added: at 5,000 keys each new one cost microseconds (issue 17, P2). Still plain data to read, compare
 * and serialise.
 */
function bucketCopy<V>(bucket: Bucket<V> | undefined): Record<string, V> {
  const copy = Object.create(null) as Record<string, V>;
  if (bucket) for (const key of Object.keys(bucket)) copy[key] = bucket[key] as V;
  return copy;
}

/** A key written as an own data property, even `__proto__` (whose assignment would set the prototype). */
function put<V>(bucket: Record<string, V>, key: string, value: V): void {
  if (key === '__proto__')
    Object.defineProperty(bucket, key, { value, enumerable: true, writable: true, configurable: true });
  else bucket[key] = value;
}

/** The table with `key` set to `value`; `table` itself is not changed. The hot path (a vote, a join). */
export function tableSet<V>(table: Table<V>, key: string, value: V): Table<V> {
  const i = slotOf(key, 0);
  const j = slotOf(key, 1);
  const slots = table.slots ? table.slots.slice() : emptySlots<Inner<V>>();
  const inner = slots[i] ? slots[i].slice() : emptySlots<Bucket<V>>();
  const bucket = bucketCopy(inner[j]);
  put(bucket, key, value);
  inner[j] = bucket;
  slots[i] = inner;
  return { slots };
}

/**
 * SE8: `tableSet` for a turn's draft: the table, its slot array, the inner array and the bucket are
 * copied the first time the draft changes them (and added to `mine`, what the draft owns), then written
 * in place, so a turn of N changes copies each once. Equal to `tableSet`; what `mine` does not hold is
 * never changed.
 */
export function tableSetInPlace<V>(table: Table<V>, key: string, value: V, mine: Set<object>): Table<V> {
  let own = table as { slots: (Inner<V> | undefined)[] };
  if (!mine.has(table)) {
    own = { slots: table.slots ? table.slots.slice() : emptySlots<Inner<V>>() };
    mine.add(own);
  }
  const i = slotOf(key, 0);
  const j = slotOf(key, 1);
  let inner = own.slots[i] as (Bucket<V> | undefined)[] | undefined;
  if (!inner || !mine.has(inner)) {
    inner = inner ? inner.slice() : emptySlots<Bucket<V>>();
    mine.add(inner);
    own.slots[i] = inner;
  }
  let bucket = inner[j] as Record<string, V> | undefined;
  if (!bucket || !mine.has(bucket)) {
    bucket = bucketCopy(bucket);
    mine.add(bucket);
    inner[j] = bucket;
  }
  put(bucket, key, value);
  return own;
}

/** The table with every entry of `entries` set (later ones win): each bucket touched is copied once. */
export function tableSetAll<V>(table: Table<V>, entries: Iterable<readonly [string, V]>): Table<V> {
  const values = new Map<string, V>();
  for (const [key, value] of entries) values.set(key, value);
  if (values.size === 0) return table;
  return changed(table, values.keys(), (key, bucket) => put(bucket, key, values.get(key) as V));
}

/** The table with each of `keys` that is present changed by `change`. */
export function tableUpdate<V>(table: Table<V>, keys: readonly string[], change: (value: V) => V): Table<V> {
  const present = keys.filter((key) => {
    const bucket = bucketOf(table, key);
    return bucket !== undefined && Object.hasOwn(bucket, key);
  });
  if (present.length === 0) return table;
  return changed(table, new Set(present), (key, bucket) => put(bucket, key, change(bucket[key] as V)));
}

export function tableValues<V>(table: Table<V>): V[] {
  const out: V[] = [];
  for (const inner of table.slots ?? []) {
    if (!inner) continue;
    for (const bucket of inner) if (bucket) out.push(...Object.values(bucket));
  }
  return out;
}

export function tableFromEntries<V>(entries: Iterable<readonly [string, V]>): Table<V> {
  return tableSetAll({}, entries);
}

/** A plain record of every entry (for tests and the store's rows). */
export function tableToRecord<V>(table: Table<V>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const inner of table.slots ?? []) {
    if (!inner) continue;
    for (const bucket of inner) if (bucket) for (const key of Object.keys(bucket)) put(out, key, bucket[key] as V);
  }
  return out;
}

/** One first-level slot of a table and the entries under it: about 1/64 of the table. */
export interface TableSlice {
  readonly slot: number;
  readonly inner: readonly unknown[];
}

/** Whether `value` is a table holding entries (an empty table is `{}`, like any empty record). */
export function isFilledTable(value: unknown): value is Table<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const slots = (value as Table<unknown>).slots;
  return Array.isArray(slots) && slots.length === SLOTS && Object.keys(value).length === 1;
}

/**
 * The table's filled first-level slots (SPEC SE9): a big table crosses to another thread in slices, so no
 * single copy of it holds the event loop (P5). `tableOfSlices` puts them back together.
 */
export function tableSlices<V>(table: Table<V>): TableSlice[] {
  const out: TableSlice[] = [];
  (table.slots ?? []).forEach((inner, slot) => {
    if (inner) out.push({ slot, inner });
  });
  return out;
}

/** The table whose first-level slots are `slices` (from `tableSlices`), the rest empty. */
export function tableOfSlices<V>(slices: Iterable<TableSlice>): Table<V> {
  const slots = emptySlots<Inner<V>>();
  let any = false;
  for (const { slot, inner } of slices) {
    slots[slot] = inner as Inner<V>;
    any = true;
  }
  return any ? { slots } : {};
}
