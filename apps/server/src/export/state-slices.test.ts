import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportDocument, isFilledTable, type SessionState } from '@vrijuit/core';
import { crowdSession } from '@vrijuit/core/crowd-session';
import { fixtureInput, fixtureSession } from '@vrijuit/core/export-fixture';
import { renderExport } from '@vrijuit/export';
import { createLogger } from '../log.ts';
import { ExportRenderer } from './export-renderer.ts';
import { joinState, sliceState } from './state-slices.ts';

/** A key spread as the server's random ids and hashes are (a table buckets by a key's first characters). */
const randomKey = (kind: string, i: number) => createHash('sha256').update(`${kind}${i}`).digest('base64url');

/** A session of `n` participants: its participant tables are big enough to have most of their slots. */
const crowd = (n: number): SessionState =>
  crowdSession(n, { zones: ['Noord', 'Zuid'], seat: (i, s) => [s.zones[i % 2]!.id, null], key: randomKey });

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
