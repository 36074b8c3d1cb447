/**
 * CL5: at a session's owner, the participant connections that sit on other processes (their commands come
 * forwarded, CL2), so the console's count of phones online (ST6) holds them too. Kept per session and per
 * connection, so a count is a lookup and a session that leaves drops its own entries only.
 */
export class RemoteConnections {
  readonly #sessions = new Map<string, Map<string, string | null>>();
  readonly #sessionOf = new Map<string, string>();

  /** A connection on another process is now a participant of `sessionId` in `zoneId`; what it was before goes. */
  add(socketId: string, sessionId: string, zoneId: string | null): { sessionId: string; zoneId: string | null } | null {
    const before = this.remove(socketId);
    let connections = this.#sessions.get(sessionId);
    if (!connections) {
      connections = new Map();
      this.#sessions.set(sessionId, connections);
    }
    connections.set(socketId, zoneId);
    this.#sessionOf.set(socketId, sessionId);
    return before;
  }

  /** The connection left (or became someone else): what it counted as, if it counted here. */
  remove(socketId: string): { sessionId: string; zoneId: string | null } | null {
    const sessionId = this.#sessionOf.get(socketId);
    if (sessionId === undefined) return null;
    this.#sessionOf.delete(socketId);
    const connections = this.#sessions.get(sessionId)!;
    const zoneId = connections.get(socketId) ?? null;
    connections.delete(socketId);
    if (connections.size === 0) this.#sessions.delete(sessionId);
    return { sessionId, zoneId };
  }

  /** The session moved or went: its connections elsewhere are counted by whoever owns it next. */
  forgetSession(sessionId: string): (string | null)[] {
    const connections = this.#sessions.get(sessionId);
    if (!connections) return [];
    this.#sessions.delete(sessionId);
    for (const socketId of connections.keys()) this.#sessionOf.delete(socketId);
    return [...connections.values()];
  }

  count(sessionId: string): number {
    return this.#sessions.get(sessionId)?.size ?? 0;
  }
}
