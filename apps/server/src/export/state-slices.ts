import { isFilledTable, tableOfSlices, tableSlices, type TableSlice } from '@vrijuit/core';

/** Where a table sits in a state: the keys and indexes from the state down to it. */
export type TablePath = readonly (string | number)[];

/** A slice of one of the state's tables (SE9). */
export interface StateSlice extends TableSlice {
  readonly path: TablePath;
}

/**
 * How deep tables sit in a session's state: `participants.byId` (2), `rounds[i].points` (3),
 * `rounds[i].cloud.stems` (4). The walk stops there and never enters a table.
 */
const MAX_DEPTH = 4;

/**
 * SE9: `state` as a shell, every filled table in it left empty, and the slices of those tables, so the
 * copy to a worker thread can go in small messages (P5). The shell shares everything but the objects
 * on the way to a table, which are shallow copies: `state` itself is not changed.
 */
export function sliceState<T extends object>(state: T): { shell: T; slices: StateSlice[] } {
  const slices: StateSlice[] = [];
  const walk = (value: unknown, path: (string | number)[]): unknown => {
    if (isFilledTable(value)) {
      for (const slice of tableSlices(value)) slices.push({ path: [...path], ...slice });
      return {};
    }
    if (path.length >= MAX_DEPTH || typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | null = null;
      value.forEach((item, i) => {
        const next = walk(item, [...path, i]);
        if (next !== item) (copy ??= [...value])[i] = next;
      });
      return copy ?? value;
    }
    if (Object.getPrototypeOf(value) !== Object.prototype) return value;
    let copy: Record<string, unknown> | null = null;
    for (const [key, item] of Object.entries(value)) {
      const next = walk(item, [...path, key]);
      if (next !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = next;
    }
    return copy ?? value;
  };
  return { shell: walk(state, []) as T, slices };
}

/** The state `sliceState` cut up, whole again: its own copy's tables filled in place (the worker's copy). */
export function joinState<T extends object>(shell: T, slices: readonly StateSlice[]): T {
  const byPath = new Map<string, { path: TablePath; slices: StateSlice[] }>();
  for (const slice of slices) {
    const key = JSON.stringify(slice.path);
    let entry = byPath.get(key);
    if (!entry) byPath.set(key, (entry = { path: slice.path, slices: [] }));
    entry.slices.push(slice);
  }
  for (const { path, slices: parts } of byPath.values()) {
    const parent = path.slice(0, -1).reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], shell);
    (parent as Record<string | number, unknown>)[path[path.length - 1]!] = tableOfSlices(parts);
  }
  return shell;
}
