/**
 * P6: the code every page shares and the phone's join page loads goes into one chunk, `phone`, instead
 * of the ~20 files rolldown's automatic splitting makes of it (the Svelte runtime, SvelteKit's client,
 * Paraglide's runtime, the realtime client, small shared modules and messages). Each file is gzipped on
 * its own, so many small ones compress worse than one (docs/benchmarks.md, "Phone JavaScript: P6").
 *
 * Captured: the modules the join page loads before its first round (the static imports of SvelteKit's
 * start and app entries, the root layout, the root error page and the join route's node) that some
 * other page or lazily loaded part also uses. What only the join route uses stays in its own chunk, and
 * nothing a phone does not load is added to it. Other pages load this chunk too, so they may get a few
 * modules of the phone's they do not need (measured on the landing page in docs/benchmarks.md).
 */

import { existsSync, readFileSync } from 'node:fs';

/** The join route's files: its node is the entry that imports them. */
const JOIN_ROUTE = /[\\/]src[\\/]routes[\\/]j[\\/]\[code\][\\/]\+page\.(svelte|ts)$/;
/** SvelteKit's client entries (the `entry/start` and `entry/app` inputs) and the two root nodes. */
const START_ENTRY = /[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]client[\\/]entry\.js$/;
const APP_ENTRY = /[\\/]generated[\\/]client-optimized[\\/]app\.js$/;
const ROOT_NODE = /[\\/]generated[\\/]client-optimized[\\/]nodes[\\/][01]\.js$/;

/** What rolldown's chunking context (`ctx` of a group's `name` function) tells about a module. */
type ModuleInfo = {
  id: string;
  exports: readonly string[];
  isEntry: boolean;
  importedIds: readonly string[];
  dynamicallyImportedIds: readonly string[];
  importers: readonly string[];
  dynamicImporters: readonly string[];
};
type ChunkingContext = { getModuleInfo(id: string): ModuleInfo | null };

/**
 * Paraglide's barrels (`messages.js`, `messages/_index.js`) import every message of the app; a page
 * uses a few of them, which rolldown sees when it tree-shakes but a walk of the imports does not. So the
 * walk stops at the barrels, and a message counts as used where the app's source names it (`m['key']`,
 * `m.key`); one named otherwise (built from a variable, as the error sentences are) keeps rolldown's own
 * chunking.
 */
const MESSAGE_BARREL = /[\\/]paraglide[\\/](messages\.js|messages[\\/]_index\.js)$/;
const MESSAGE = /[\\/]paraglide[\\/]messages[\\/][^\\/]+\.js$/;
const APP_SOURCE = /[\\/]apps[\\/]web[\\/]src[\\/].*\.(svelte|ts|js)$/;
const MESSAGE_KEY = /\bm(?:\[\s*['"]([\w.]+)['"]\s*\]|\.([A-Za-z_$][\w$]*))/g;

/** The message modules that the app's own source files among `modules` name. */
function messagesNamed(modules: Iterable<string>, messageByKey: ReadonlyMap<string, string>): Set<string> {
  const named = new Set<string>();
  for (const id of modules) {
    if (!APP_SOURCE.test(id) || MESSAGE.test(id) || !existsSync(id)) continue;
    for (const match of readFileSync(id, 'utf8').matchAll(MESSAGE_KEY)) {
      const message = messageByKey.get(match[1] ?? match[2] ?? '');
      if (message) named.add(message);
    }
  }
  return named;
}

/** Every module reached from `starts` through static imports (not through the message barrels). */
function staticClosure(ctx: ChunkingContext, starts: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const queue = [...starts];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (seen.has(id) || MESSAGE_BARREL.test(id)) continue;
    seen.add(id);
    for (const next of ctx.getModuleInfo(id)?.importedIds ?? []) queue.push(next);
  }
  return seen;
}

function phoneSharedModules(ctx: ChunkingContext, anyId: string): Set<string> {
  // All modules of the build, from the one rolldown asked about (entries and dynamic imports included).
  const all = new Map<string, ModuleInfo>();
  const queue = [anyId];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (all.has(id)) continue;
    const info = ctx.getModuleInfo(id);
    if (!info) continue;
    all.set(id, info);
    queue.push(...info.importedIds, ...info.dynamicallyImportedIds, ...info.importers, ...info.dynamicImporters);
  }
  const entries = [...all.values()].filter((info) => info.isEntry).map((info) => info.id);
  if (!entries.some((id) => START_ENTRY.test(id))) return new Set(); // the server build
  const joinNode = entries.find((id) => all.get(id)?.importedIds.some((dep) => JOIN_ROUTE.test(dep)));
  if (!joinNode) throw new Error('phone-chunk: no node imports the join route (src/routes/j/[code])');
  const phoneRoots = entries.filter((id) => START_ENTRY.test(id) || APP_ENTRY.test(id) || ROOT_NODE.test(id));
  const phone = staticClosure(ctx, [...phoneRoots, joinNode]);
  // What every other entry and every lazily loaded module reaches.
  // (SvelteKit's app entry imports every node lazily: those count as entries, not as lazily loaded.)
  const dynamicRoots = [...all.values()]
    .flatMap((info) => info.dynamicallyImportedIds)
    .filter((id) => !all.get(id)?.isEntry);
  const elsewhere = staticClosure(ctx, [...entries.filter((id) => id !== joinNode), ...dynamicRoots]);
  const messageByKey = new Map<string, string>();
  for (const info of all.values())
    if (MESSAGE.test(info.id) && !MESSAGE_BARREL.test(info.id))
      for (const key of info.exports) messageByKey.set(key, info.id);
  const elsewhereMessages = messagesNamed(elsewhere, messageByKey);
  const sharedMessages = [...messagesNamed(phone, messageByKey)].filter((id) => elsewhereMessages.has(id));
  return new Set([...[...phone].filter((id) => elsewhere.has(id)), ...sharedMessages]);
}

/** One answer per chunking pass (the server's and the client's build each have their own context). */
const passes = new WeakMap<ChunkingContext, Set<string>>();

/** `build.rolldownOptions.output.codeSplitting.groups[].name`: 'phone' for a captured module. */
export function phoneChunkName(id: string, ctx: ChunkingContext): string | null {
  let shared = passes.get(ctx);
  if (!shared) {
    shared = phoneSharedModules(ctx, id);
    passes.set(ctx, shared);
  }
  return shared.has(id) ? 'phone' : null;
}
