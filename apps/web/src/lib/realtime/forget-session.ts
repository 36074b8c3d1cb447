import { storageKeys, writeJson } from '../storage.ts';

/**
 * LC7: once a session is deleted, this browser keeps nothing of it either: the phone's own pain points
 * (their texts), and queued commands. Storage that fails is left as it is.
 */
export function forgetSession(sessionId: string): void {
  try {
    const storage = globalThis.localStorage;
    if (!storage) return;
    const own = `vrijuit:own-points:${sessionId}:`;
    const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter(
      (k): k is string => k !== null && k.startsWith(own),
    );
    for (const key of keys) storage.removeItem(key);
  } catch {
    // Storage unavailable: there is nothing kept to forget.
  }
  writeJson(storageKeys.outbox('participant', sessionId), null);
  writeJson(storageKeys.outbox('facilitator', sessionId), null);
}
