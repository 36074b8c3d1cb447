/**
 * Per session, a 32-bit hash of every command id its store may hold under the session's scope, so that
 * a command the session has never seen skips the store's lookup (VO4 still answers every retry: a hash
 * that is there, by a retry or by a collision, means "ask the store"). Issue 17, P2: the lookup was
 * about 10 % of the server's CPU in a vote burst, for commands that are nearly all new.
 *
 * A session's set is loaded with its state (every id the store holds) and grows as its commands are
 * staged; it holds numbers only, so it costs a few bytes a command and says nothing about anyone.
 */
export class KnownCommands {
  readonly #bySession = new Map<string, Set<number>>();

  /** Sets a session's ids as the store holds them, unless the session already has its set. */
  load(sessionId: string, commandIds: Iterable<string>): void {
    if (this.#bySession.has(sessionId)) return;
    const hashes = new Set<number>();
    for (const id of commandIds) hashes.add(hashOf(id));
    this.#bySession.set(sessionId, hashes);
  }

  /** A command id staged for the session's store (nothing to do while its set is not loaded). */
  add(sessionId: string, commandId: string): void {
    this.#bySession.get(sessionId)?.add(hashOf(commandId));
  }

  /** False only when the store cannot hold the id; true when it may (or the session's set is not loaded). */
  mayHold(sessionId: string, commandId: string): boolean {
    return this.#bySession.get(sessionId)?.has(hashOf(commandId)) ?? true;
  }

  /** The session left memory (or was deleted): its set loads again with its state. */
  forget(sessionId: string): void {
    this.#bySession.delete(sessionId);
  }
}

/** FNV-1a over the UTF-16 code units: cheap, and spread well enough for random and client-made ids. */
export function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
