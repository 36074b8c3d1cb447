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
