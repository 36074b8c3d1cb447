import { createSession } from '@vrijuit/core';

/**
 * A session as most hub and store tests and benches need it: one zone without municipalities, k = 3,
 * unweighted. `overrides` changes any of createSession's inputs (e.g. more zones).
 */
export function oneZoneSession(
  sessionId: string,
  joinCode: string,
  overrides: Partial<Parameters<typeof createSession>[0]> = {},
): ReturnType<typeof createSession> {
  return createSession({
    sessionId,
    joinCode,
    title: sessionId,
    zones: [{ name: 'Noord', municipalities: [] }],
    anonymityThreshold: 3,
    weighted: false,
    releaseEverySeconds: 10,
    releaseMinEntries: 3,
    ownerAccountId: 'owner',
    ...overrides,
  });
}
