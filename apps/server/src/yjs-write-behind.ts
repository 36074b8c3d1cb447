import type { Logger } from './log.ts';
import { isStaleOwner } from './store/pg-leases.ts';
import type { YjsLog, YjsStore } from './store/yjs-store.ts';

/** One document's log as this process has it: in memory, and the writes not yet stored. */
interface DocMemory {
  /** The log as written and to be written, in order (a compaction leaves one update). */
  updates: Uint8Array[];
  /** Settles once every write queued so far is stored (rejects once one failed). */
  tail: Promise<unknown>;
  /** The next write, still open for more updates until the one before it is stored; null when none. */
  batch: { compact: Uint8Array | null; updates: Uint8Array[] } | null;
  queued: number;
}

/** How many sessions' texts stay in memory when no editor has them open (least recently used go first). */
export const TEXT_SESSIONS_IN_MEMORY = 200;

/**
 * The co-edited texts of a store in another process (PostgreSQL, `YjsLog`) as the server needs them,
 * synchronously (R3, TX3, TX6, the export): a session's logs are loaded into memory once (`ready`,
 * awaited before any synchronous read), and every append or compaction changes memory at once and is
 * written behind, in order, per document. A keystroke costs no round trip in the path that takes it:
 * while one write is in flight, the updates that follow gather into the next, one transaction for all of
 * them. Nothing is acknowledged before it is stored: `stored()` tells when, and yjs-persistence.ts holds
 * every broadcast of an update (and yjs.ts every reply to an editor) until then. A failed write drops
 * the session's texts from memory (the next `ready` reads them from the store again) and tells
 * `onFailure`, which closes the documents' editors: they reconnect and send what the store lacks again.
 * A write the fence refused (PL9: another process took the session over) fails the same way, and the
 * server then lets the whole session go (PL7): the editors reconnect to its new owner.
 */
export class WriteBehindYjs implements YjsStore {
  readonly #log: YjsLog;
  readonly #logger: Logger;
  readonly #max: number;
  /** Sessions whose texts are in memory, least recently used first. */
  readonly #sessions = new Map<string, Map<string, DocMemory>>();
  readonly #loading = new Map<string, Promise<void>>();
  /** Sessions dropped after a failed write: settles once their other writes have settled. */
  readonly #settling = new Map<string, Promise<unknown>>();
  readonly #failure: ((sessionId: string, error: unknown) => void)[] = [];
  /** Whether a session's texts are open in an editor now (such a session is not evicted). */
  readonly #inUse: (sessionId: string) => boolean;

  constructor(log: YjsLog, logger: Logger, inUse: (sessionId: string) => boolean, max = TEXT_SESSIONS_IN_MEMORY) {
    this.#log = log;
    this.#logger = logger;
    this.#inUse = inUse;
    this.#max = max;
  }

  async ready(sessionId: string): Promise<void> {
    const docs = this.#sessions.get(sessionId);
    if (docs) {
      this.#sessions.delete(sessionId);
      this.#sessions.set(sessionId, docs);
      return;
    }
    let loading = this.#loading.get(sessionId);
    if (!loading) {
      loading = (async () => {
        await this.#settling.get(sessionId);
        const logs = await this.#log.sessionYjs(sessionId);
        if (this.#sessions.has(sessionId)) return;
        const memory = new Map<string, DocMemory>();
        for (const [docName, updates] of logs) memory.set(docName, fresh(updates));
        this.#sessions.set(sessionId, memory);
        this.#evict();
      })().finally(() => this.#loading.delete(sessionId));
      this.#loading.set(sessionId, loading);
    }
    await loading;
  }

  yjsUpdates(sessionId: string, docName: string): Uint8Array[] {
    return [...this.#doc(sessionId, docName).updates];
  }

  appendYjsUpdate(sessionId: string, docName: string, update: Uint8Array): number {
    const doc = this.#doc(sessionId, docName);
    doc.updates.push(update);
    this.#batch(sessionId, docName, doc).updates.push(update);
    return doc.updates.length;
  }

  compactYjs(sessionId: string, docName: string, state: Uint8Array): void {
    const doc = this.#doc(sessionId, docName);
    doc.updates = [state];
    const batch = this.#batch(sessionId, docName, doc);
    batch.compact = state;
    batch.updates = [];
  }

  textVersionData(sessionId: string, roundId: string, versionId: string): Promise<Uint8Array | null> {
    return this.#log.textVersionData(sessionId, roundId, versionId);
  }

  /** Resolves once every write queued so far for the document is stored; rejects if one of them failed. */
  stored(sessionId: string, docName: string): Promise<void> {
    const doc = this.#sessions.get(sessionId)?.get(docName);
    return doc ? doc.tail.then(() => undefined) : Promise.resolve();
  }

  /** Whether the document has writes not yet stored. */
  pending(sessionId: string, docName: string): boolean {
    return (this.#sessions.get(sessionId)?.get(docName)?.queued ?? 0) > 0;
  }

  /** Called with the session whose write failed (its texts are no longer in memory), and why. */
  onFailure(listener: (sessionId: string, error: unknown) => void): void {
    this.#failure.push(listener);
  }

  /**
   * Waits for the session's writes, then forgets its texts (LC7: before its rows are deleted; RT6: before
   * its lease is handed over), also the writes of texts already let go (`drop`), still on their way.
   */
  async forget(sessionId: string): Promise<void> {
    const docs = this.#sessions.get(sessionId);
    this.#sessions.delete(sessionId);
    if (docs) await Promise.allSettled([...docs.values()].map((d) => d.tail));
    await this.#settling.get(sessionId);
  }

  /**
   * PL9: the session left this process (another took it over, or its lease went back): its texts leave
   * memory, since the next owner writes to them. Should this process own the session again, `ready`
   * reads what the store holds then, once this process's own writes have settled.
   */
  drop(sessionId: string): void {
    const docs = this.#sessions.get(sessionId);
    if (docs) this.#letGo(sessionId, docs);
  }

  /** Resolves once every write queued so far, of every session, has settled (at shutdown). */
  async flush(): Promise<void> {
    const tails = [...this.#sessions.values()].flatMap((docs) => [...docs.values()].map((d) => d.tail));
    await Promise.allSettled([...tails, ...this.#settling.values()]);
  }

  #doc(sessionId: string, docName: string): DocMemory {
    const docs = this.#sessions.get(sessionId);
    if (!docs) throw new Error('the texts of this session are not in memory (ready() was not awaited)');
    let doc = docs.get(docName);
    if (!doc) docs.set(docName, (doc = fresh([])));
    return doc;
  }

  /** The document's open batch, or a new one queued behind the writes before it. */
  #batch(sessionId: string, docName: string, doc: DocMemory): NonNullable<DocMemory['batch']> {
    if (doc.batch) return doc.batch;
    const batch: NonNullable<DocMemory['batch']> = { compact: null, updates: [] };
    doc.batch = batch;
    doc.queued++;
    doc.tail = doc.tail.then(async () => {
      // From here on the batch takes nothing more: what comes now goes into the next one.
      if (doc.batch === batch) doc.batch = null;
      try {
        await this.#log.writeYjs(sessionId, docName, batch);
      } catch (error) {
        this.#failed(sessionId, error);
        throw error;
      } finally {
        doc.queued--;
      }
    });
    // A failure is handled in #failed; the rejection stays on `tail` for `stored()`.
    doc.tail.catch(() => {});
    return batch;
  }

  #failed(sessionId: string, error: unknown): void {
    const docs = this.#sessions.get(sessionId);
    if (!docs) return;
    // PL9: refused by the fence, the session moved to another process: expected, not an error here.
    if (isStaleOwner(error)) this.#logger.info('a text of a session taken over was not stored', { sessionId });
    else this.#logger.error('a text could not be stored; its editors reconnect', { error: String(error) });
    this.#letGo(sessionId, docs);
    for (const listener of this.#failure) listener(sessionId, error);
  }

  /** The session's texts leave memory; the next `ready` reads the store once their writes have settled. */
  #letGo(sessionId: string, docs: Map<string, DocMemory>): void {
    this.#sessions.delete(sessionId);
    const settled = Promise.allSettled([...docs.values()].map((d) => d.tail));
    this.#settling.set(sessionId, settled);
    void settled.then(() => {
      if (this.#settling.get(sessionId) === settled) this.#settling.delete(sessionId);
    });
  }

  /** Sessions over the bound leave memory, least recently used first, unless open in an editor or still writing. */
  #evict(): void {
    let over = this.#sessions.size - this.#max;
    for (const [sessionId, docs] of this.#sessions) {
      if (over <= 0) break;
      if (this.#inUse(sessionId) || [...docs.values()].some((d) => d.queued > 0)) continue;
      this.#sessions.delete(sessionId);
      over--;
    }
  }
}

const fresh = (updates: Uint8Array[]): DocMemory => ({ updates, tail: Promise.resolve(), batch: null, queued: 0 });
