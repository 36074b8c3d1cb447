import { docs, setPersistence, type WSSharedDoc } from '@y/websocket-server/utils';
import * as Y from 'yjs';
import type { Logger } from './log.ts';
import type { YjsStore } from './store/yjs-store.ts';
import type { WriteBehindYjs } from './yjs-write-behind.ts';

/** Updates read from the store are applied with this origin, so they are not written again. */
const FROM_STORE = Symbol('vrijuit:yjs-store');

/** After this many updates in a document's log, the log is replaced by one update of the whole state. */
export const COMPACT_AFTER = 500;

/** The store's key for a document: `<sessionId>/<docName>` as yjs.ts names it. */
function split(name: string): [string, string] {
  const slash = name.indexOf('/');
  return [name.slice(0, slash), name.slice(slash + 1)];
}

/**
 * Runs `listener` before every other listener of the document's `update` event, so an update is in the
 * store before the server broadcasts it to the other editors (@y/websocket-server registers its
 * broadcast first, in the document's constructor). Uses lib0's observer set; yjs-persistence.test.ts
 * fails if that ever changes.
 */
export function listenFirst(doc: Y.Doc, listener: (update: Uint8Array, origin: unknown) => void): void {
  doc.on('update', listener);
  const observers = (doc as unknown as { _observers: Map<string, Set<unknown>> })._observers.get('update');
  if (!observers) return;
  const others = [...observers].filter((f) => f !== listener);
  observers.clear();
  observers.add(listener);
  for (const f of others) observers.add(f);
}

type UpdateListener = (update: Uint8Array, origin: unknown, doc: Y.Doc, transaction: Y.Transaction) => void;

/**
 * With a store written behind (PostgreSQL, yjs-write-behind.ts): `listener` takes every update first and
 * answers when it is stored (or null: nothing to wait for); every other listener of the document (the Yjs
 * server's broadcast) hears the update only then, in the order the updates came. A write that fails
 * tells `failed` and no listener hears that update or any after it.
 */
function holdOthers(
  doc: Y.Doc,
  listener: (update: Uint8Array, origin: unknown) => Promise<void> | null,
  failed: () => void,
): void {
  const observers = (doc as unknown as { _observers: Map<string, Set<UpdateListener>> })._observers.get('update');
  const others = observers ? [...observers] : [];
  observers?.clear();
  let chain: Promise<void> = Promise.resolve();
  let broken = false;
  doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    const stored = broken ? null : listener(update, origin);
    if (!stored) {
      if (!broken) others.forEach((f) => f(update, origin, doc, transaction));
      return;
    }
    chain = chain
      .then(() => stored)
      .then(
        () => {
          if (!broken) others.forEach((f) => f(update, origin, doc, transaction));
        },
        () => {
          if (!broken) failed();
          broken = true;
        },
      );
  });
}

/**
 * Makes the Yjs endpoint keep every document in the store (R3): a document is loaded from its log,
 * synchronously, before the first editor gets its first sync message (never an empty document when
 * there is text); every update is appended, synchronously, before anyone else receives it; the log is
 * compacted every COMPACT_AFTER updates and when the last editor leaves. @y/websocket-server keeps one
 * persistence per process: the last server created in a process owns it.
 *
 * With `behind` (PostgreSQL), `store` is that write-behind store: the document comes from memory (yjs.ts
 * awaited its `ready`), each update is taken into memory at once and queued, and the other editors hear
 * it once it is stored (`holdOthers`); should a write fail, the session's documents are dropped and their
 * editors disconnected (they reconnect, load what the store has and send the rest again).
 */
export function persistYjs(
  store: YjsStore,
  log: Logger,
  behind: WriteBehindYjs | null = null,
): { close(): void; closeSession(sessionId: string): void } {
  const append = (sessionId: string, docName: string, doc: Y.Doc, update: Uint8Array) => {
    const count = store.appendYjsUpdate(sessionId, docName, update);
    if (count > COMPACT_AFTER) store.compactYjs(sessionId, docName, Y.encodeStateAsUpdate(doc));
  };
  const closeSession = (sessionId: string) => {
    for (const [name, doc] of [...docs.entries()]) {
      if (split(name)[0] !== sessionId) continue;
      docs.delete(name);
      doc.destroy();
      for (const conn of [...doc.conns.keys()]) (conn as { close(): void }).close();
    }
  };
  behind?.onFailure(closeSession);
  setPersistence({
    provider: store,
    bindState: (name: string, doc: WSSharedDoc) => {
      const [sessionId, docName] = split(name);
      const updates = store.yjsUpdates(sessionId, docName);
      Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u, FROM_STORE)), FROM_STORE);
      if (!behind) {
        listenFirst(doc, (update, origin) => {
          if (origin !== FROM_STORE) append(sessionId, docName, doc, update);
        });
        return;
      }
      holdOthers(
        doc,
        (update, origin) => {
          if (origin === FROM_STORE) return null;
          try {
            append(sessionId, docName, doc, update);
          } catch (error) {
            return Promise.reject(error as Error);
          }
          return behind.stored(sessionId, docName);
        },
        () => closeSession(sessionId),
      );
    },
    writeState: async (name: string, doc: WSSharedDoc) => {
      // A document destroyed at shutdown holds nothing to compact: its log stays as written.
      if (doc.isDestroyed) return;
      const [sessionId, docName] = split(name);
      try {
        store.compactYjs(sessionId, docName, Y.encodeStateAsUpdate(doc));
      } catch (error) {
        log.error('yjs compaction failed', { error: String(error) });
      }
    },
  });
  return {
    /**
     * LC7: drops a deleted session's documents without writing them back: each is taken out of the
     * Yjs server's map and destroyed first (so its store listener is gone and writeState skips it),
     * then its editors are disconnected (their reconnect is refused: the session no longer exists).
     */
    closeSession,
    /** Forgets the documents held in memory, so a server started again in this process reads the store. */
    close: () => {
      for (const doc of docs.values()) doc.destroy();
      docs.clear();
    },
  };
}
