import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createSession,
  evolveAll,
  exportDocument,
  isFilledTable,
  joinParticipant,
  type Decision,
  type SessionState,
} from '@vrijuit/core';
import { fixtureInput, fixtureSession } from '@vrijuit/core/export-fixture';
import { renderExport } from '@vrijuit/export';
import { createLogger } from '../log.ts';
import { ExportRenderer } from './export-renderer.ts';
import { joinState, sliceState } from './state-slices.ts';

function applied(state: SessionState | null, decision: Decision<unknown>): SessionState {
  if (!decision.ok) throw new Error(decision.error.code);
  const next = evolveAll(state, decision.events);
  if (!next) throw new Error('no state');
  return next;
}

/** A key spread as the server's random ids and hashes are (a table buckets by a key's first characters). */
const randomKey = (seed: string) => createHash('sha256').update(seed).digest('base64url');

/** A session of `n` participants: its participant tables are big enough to have most of their slots. */
function crowd(n: number): SessionState {
  let s = applied(
    null,
    createSession({
      sessionId: 'slices-session',
      joinCode: 'SLICE2',
      title: 'Slices',
      zones: ['Noord', 'Zuid'],
      anonymityThreshold: 3,
      weighted: false,
      releaseEverySeconds: 15,
      releaseMinEntries: 3,
      ownerAccountId: 'owner',
    }),
  );
  for (let i = 0; i < n; i++) {
    const zoneId = s.zones[i % 2]!.id;
    s = applied(
      s,
      joinParticipant(s, {
        participantId: randomKey(`p${i}`),
        tokenHash: randomKey(`t${i}`),
        zoneId,
        municipalityId: null,
        name: '',
      }),
    );
  }
  return s;
}

/** Every filled table in `value`, down to the depth tables sit at. */
function filledTables(value: unknown, depth = 0): number {
  if (isFilledTable(value)) return 1;
  if (depth >= 4 || typeof value !== 'object' || value === null) return 0;
  return Object.values(value).reduce<number>((n, v) => n + filledTables(v, depth + 1), 0);
}

describe('SE9 the state crosses to the export worker in slices', () => {
  it('SE9 the shell holds no filled table, the slices hold them all, and joined again (as copies, as a worker gets them) they equal the state', () => {
    for (const state of [fixtureSession(), crowd(2_000)]) {
      const before = structuredClone(state);
      const { shell, slices } = sliceState(state);
      expect(filledTables(state)).toBeGreaterThan(0);
      expect(filledTables(shell)).toBe(0);
      expect(slices.length).toBeGreaterThan(1);
      const joined = joinState(
        structuredClone(shell),
        slices.map((s) => structuredClone(s)),
      );
      expect(joined).toEqual(before);
      // The state sent is not changed by being sliced.
      expect(state).toEqual(before);
    }
  });

  it('SE9 a big table goes in many small slices: none holds more than a few percent of the participants', () => {
    const state = crowd(3_000);
    const { slices } = sliceState(state);
    const byId = slices.filter((s) => s.path.join('.') === 'participants.byId');
    expect(byId.length).toBeGreaterThan(32);
    const entries = (inner: readonly unknown[]) =>
      inner.reduce<number>((n, bucket) => n + (bucket ? Object.keys(bucket).length : 0), 0);
    expect(Math.max(...byId.map((s) => entries(s.inner)))).toBeLessThan(3_000 * 0.05);
    expect(byId.reduce((n, s) => n + entries(s.inner), 0)).toBe(3_000);
  });

  it('SE9 the worker renders from the state sent in slices exactly what the state gives at once', async () => {
    const renderer = new ExportRenderer(createLogger('silent'));
    try {
      const state = fixtureSession();
      const input = fixtureInput();
      const sent = await renderer.render(state, input, 'json');
      const direct = await renderExport(exportDocument(state, input), 'json');
      expect(Buffer.from(sent.bytes).toString('utf8')).toBe(Buffer.from(direct.bytes).toString('utf8'));
    } finally {
      await renderer.close();
    }
  });
});
