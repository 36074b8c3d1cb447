/**
 * localStorage that never throws: private modes, full quotas and disabled storage must not break
 * voting; the phone then simply forgets on reload.
 */
export function readJson(key: string): unknown {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    return raw == null ? null : (JSON.parse(raw) as unknown);
  } catch {
    return null;
  }
}

export function writeJson(key: string, value: unknown): void {
  try {
    if (value == null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, JSON.stringify(value));
  } catch {
    // Storage unavailable: keep working in memory.
  }
}

/** Every key this app writes, in one place. */
export const storageKeys = {
  phone: (joinCode: string) => `vrijuit:phone:${joinCode}`,
  outbox: (role: 'participant' | 'facilitator', sessionId: string) => `vrijuit:outbox:${role}:${sessionId}`,
} as const;
