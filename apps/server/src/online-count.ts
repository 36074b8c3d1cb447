/**
 * ST6: phones connected right now, per session and zone. Kept up to date as sockets adopt a participant
 * identity and disconnect, so a console view costs a map lookup, not a scan of every socket. Counts are
 * per connection (a phone with two tabs counts twice, as the total from the room size does).
 */
export class OnlineCount {
  readonly #sessions = new Map<string, Map<string, number>>();

  add(sessionId: string, zoneId: string): void {
    let zones = this.#sessions.get(sessionId);
    if (!zones) {
      zones = new Map();
      this.#sessions.set(sessionId, zones);
    }
    zones.set(zoneId, (zones.get(zoneId) ?? 0) + 1);
  }

  remove(sessionId: string, zoneId: string): void {
    const zones = this.#sessions.get(sessionId);
    const n = zones?.get(zoneId) ?? 0;
    if (!zones || n <= 0) return;
    if (n === 1) zones.delete(zoneId);
    else zones.set(zoneId, n - 1);
    // An empty session leaves nothing behind, so ended sessions do not pile up in memory.
    if (zones.size === 0) this.#sessions.delete(sessionId);
  }

  byZone(sessionId: string): Record<string, number> {
    return Object.fromEntries(this.#sessions.get(sessionId) ?? []);
  }
}
