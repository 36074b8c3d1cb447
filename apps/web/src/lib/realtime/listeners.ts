/** A plain set of callbacks (not reactive state, so it lives outside the runes classes). */
export class Listeners {
  readonly #handlers = new Set<() => void>();

  add(handler: () => void): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  /** Calls a snapshot, so a handler may unsubscribe itself while being called. */
  emit(): void {
    for (const handler of [...this.#handlers]) handler();
  }
}

/** Callbacks per event name (plain, like Listeners): the server's events, whichever wire brings them. */
export class NamedListeners {
  readonly #handlers = new Map<string, Set<(...args: unknown[]) => void>>();

  add(name: string, handler: (...args: unknown[]) => void): () => void {
    let set = this.#handlers.get(name);
    if (!set) this.#handlers.set(name, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  /** Calls a snapshot, so a handler may unsubscribe itself while being called. */
  emit(name: string, args: unknown[]): void {
    for (const handler of [...(this.#handlers.get(name) ?? [])]) handler(...args);
  }
}
