/** Where a connection on another process counts: its session and zone, and the process it sits on. */
export interface RemoteConnection {
  sessionId: string;
  zoneId: string | null;
  process: string;
}

/**
 * CL5: at a session's owner, the participant connections that sit on other processes (their commands come
 * forwarded, CL2, or their process answered a roll call, CL7), so the console's count of phones online
 * (ST6) holds them too. Kept per session, per connection and per process, so a count is a lookup, and a
 * session that leaves or a process that stops (CL8) drops its own entries only.
 */
export class RemoteConnections {
  readonly #sessions = new Map<string, Set<string>>();
  readonly #processes = new Map<string, Set<string>>();
  readonly #connections = new Map<string, RemoteConnection>();

  /** A connection on another process is now a participant of `sessionId` in `zoneId`; what it was before goes. */
  add(socketId: string, connection: RemoteConnection): RemoteConnection | null {
    const before = this.remove(socketId);
    this.#connections.set(socketId, connection);
    setOf(this.#sessions, connection.sessionId).add(socketId);
    setOf(this.#processes, connection.process).add(socketId);
    return before;
  }

  /** The connection left (or became someone else): what it counted as, if it counted here. */
  remove(socketId: string): RemoteConnection | null {
    const connection = this.#connections.get(socketId);
    if (!connection) return null;
    this.#connections.delete(socketId);
    dropFrom(this.#sessions, connection.sessionId, socketId);
    dropFrom(this.#processes, connection.process, socketId);
    return connection;
  }

  /** The session moved or went: its connections elsewhere are counted by whoever owns it next. */
  forgetSession(sessionId: string): RemoteConnection[] {
    return [...(this.#sessions.get(sessionId) ?? [])].map((socketId) => this.remove(socketId)!);
  }

  /** CL8: the process stopped: none of its connections is there any more. */
  forgetProcess(process: string): RemoteConnection[] {
    return [...(this.#processes.get(process) ?? [])].map((socketId) => this.remove(socketId)!);
  }

  /** The processes this one counts connections of. */
  processes(): string[] {
    return [...this.#processes.keys()];
  }

  count(sessionId: string): number {
    return this.#sessions.get(sessionId)?.size ?? 0;
  }
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  return set;
}

function dropFrom(map: Map<string, Set<string>>, key: string, socketId: string): void {
  const set = map.get(key);
  set?.delete(socketId);
  if (set?.size === 0) map.delete(key);
}
