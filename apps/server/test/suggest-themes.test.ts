/**
 * Themes suggested for a pain-point wall (core SPEC SU1-SU5): real socket.io clients (console, phones)
 * against a real server on SQLite. The console asks; the server answers from the wall it shows the
 * console, and nothing changes. Release ticks as in pain-points.test.ts (a release second of 100 ms).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExportDocument } from '@vrijuit/protocol';
import type { TestClient, TestServer } from './helpers.ts';
import {
  closeAllClients,
  createRound,
  dumpDb,
  newCommandId,
  openPainRound,
  setUpWorkshop,
  startServer,
} from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ releaseSecondMs: 100 });
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

async function submit(phone: TestClient, roundId: string, text: string): Promise<string> {
  const ack = await phone.ok('painpoint:submit', { commandId: newCommandId(), roundId, text });
  return ack.pointId;
}

/** Waits until the console's wall of the round holds `count` entries. */
async function wallHolds(facilitator: TestClient, roundId: string, count: number): Promise<void> {
  await facilitator.waitFor(
    'facilitator:view',
    (v) => v.rounds.find((r) => r.id === roundId)?.wall?.points.length === count,
    5000,
  );
}

describe('SU suggested themes on the server', () => {
  it('SU1 SU2 SU4 AN7 the console gets themes for the entries shown on its wall, never a waiting, hidden or merged one; nothing changes', async () => {
    const w = await setUpWorkshop(server.url, 3, 'Knelpunten', { releaseEverySeconds: 10, releaseMinEntries: 3 });
    const [p1, p2, p3] = w.phones.map((p) => p.client) as [TestClient, TestClient, TestClient];
    const f = w.facilitator;
    const roundId = await openPainRound(f, { themes: ['Woningen', 'Kinderopvang'], perParticipant: 5 });

    // Two batches of three (one entry from each phone each), so all six reach the wall.
    const huur = await submit(p1, roundId, 'Huurwoningen zijn te duur');
    const opvang = await submit(p2, roundId, 'Wachtlijst voor de kinderopvang');
    const bus1 = await submit(p3, roundId, 'Geen bus naar het ziekenhuis');
    await wallHolds(f, roundId, 3);
    const bus2 = await submit(p1, roundId, 'De bus rijdt niet naar het ziekenhuis');
    const hidden = await submit(p2, roundId, 'Sociale woningen: jaren wachten');
    const merged = await submit(p3, roundId, 'Huurwoningen veel te duur');
    await wallHolds(f, roundId, 6);
    await f.ok('painpoint:hide', { commandId: newCommandId(), roundId, pointId: hidden, reason: 'facilitator' });
    await f.ok('painpoint:merge', { commandId: newCommandId(), roundId, pointId: merged, intoId: huur });
    await wallHolds(f, roundId, 5);
    // One more entry waits for the next batch (one person, fewer than three entries): on no screen.
    const waiting = await submit(p1, roundId, 'Kinderopvang is te duur voor woningen');

    const before = dumpDb(server.dbFile);
    const suggestions = await f.ok('painpoint:suggest-themes', { roundId });
    expect(suggestions).toEqual({
      themes: [
        { themeId: 'o1', pointIds: [huur] },
        { themeId: 'o2', pointIds: [opvang] },
      ],
      newThemes: [{ label: 'Bus, ziekenhuis', pointIds: [bus1, bus2].sort() }],
    });
    const named = JSON.stringify(suggestions);
    for (const id of [waiting, hidden, merged]) expect(named).not.toContain(id);
    expect(dumpDb(server.dbFile), 'a suggestion changes nothing').toEqual(before);
  });

  it('SU2 an entry already filed under a theme is not proposed again', async () => {
    const w = await setUpWorkshop(server.url, 3, 'Knelpunten', { releaseEverySeconds: 10, releaseMinEntries: 3 });
    const f = w.facilitator;
    const roundId = await openPainRound(f, { themes: ['Wonen'] });
    const ids: string[] = [];
    for (const [i, phone] of w.phones.entries())
      ids.push(await submit(phone.client, roundId, ['Te weinig woningen', 'Dure woningen', 'Geen parking'][i]!));
    await wallHolds(f, roundId, 3);
    await f.ok('painpoint:theme', { commandId: newCommandId(), roundId, pointId: ids[0]!, themeId: 'o1' });
    await f.waitFor('facilitator:view', (v) =>
      v.rounds.some((r) => r.wall?.points.some((p) => p.id === ids[0] && p.themeId === 'o1')),
    );
    expect(await f.ok('painpoint:suggest-themes', { roundId })).toEqual({
      themes: [{ themeId: 'o1', pointIds: [ids[1]] }],
      newThemes: [],
    });
  });

  it('SU6 ML1 ML2 ML3 ML4 accepting a suggestion files its entries in one step the console logs; phones never see the log; the export publishes it and marks the theme', async () => {
    const w = await setUpWorkshop(server.url, 3, 'Knelpunten', { releaseEverySeconds: 10, releaseMinEntries: 3 });
    const [p1, p2, p3] = w.phones.map((p) => p.client) as [TestClient, TestClient, TestClient];
    const f = w.facilitator;
    const roundId = await openPainRound(f, { themes: ['Wonen'] });
    const bus1 = await submit(p1, roundId, 'Geen bus naar het ziekenhuis');
    const bus2 = await submit(p2, roundId, 'De bus rijdt niet naar het ziekenhuis');
    const rude = await submit(p3, roundId, 'Iets kwetsends over een buurman');
    await wallHolds(f, roundId, 3);
    await f.ok('painpoint:hide', { commandId: newCommandId(), roundId, pointId: rude, reason: 'offensive' });

    const filed = await f.ok('painpoint:accept-suggestion', {
      commandId: newCommandId(),
      roundId,
      theme: { label: 'Bus, ziekenhuis' },
      pointIds: [bus1, bus2],
    });
    expect(filed).toEqual({ themeId: 'o2' });
    const log = [
      { action: 'hidden', reason: 'offensive', queued: false },
      { action: 'suggestion-accepted', themeId: 'o2', entries: 2, newTheme: true },
    ];
    const view = await f.waitFor('facilitator:view', (v) =>
      v.rounds.some((r) => r.id === roundId && r.moderation?.log.length === 2),
    );
    const round = view.rounds.find((r) => r.id === roundId)!;
    expect(round.moderation?.log).toEqual(log);
    expect(round.options).toEqual([
      { id: 'o1', label: 'Wonen' },
      { id: 'o2', label: 'Bus, ziekenhuis' },
    ]);
    expect(round.wall?.points.filter((p) => p.themeId === 'o2').map((p) => p.id)).toEqual([bus1, bus2].sort());
    // ML2: the phones got the new theme (they sort the wall by it), never the log.
    await p1.waitFor('participant:view', (v) => v.round?.options.length === 2);
    for (const phone of [p1, p2, p3]) {
      expect(JSON.stringify(phone.received['participant:view'])).not.toContain('suggestion-accepted');
    }

    // ML3 ML4: the export (JSON) publishes the summed log and marks the suggested theme.
    const res = await fetch(`${server.url}/api/sessions/${w.sessionId}/export?format=json`, {
      headers: { cookie: w.cookie },
    });
    expect(res.status).toBe(200);
    const doc = ExportDocument.parse(await res.json());
    const pain = doc.rounds.find((r) => r.kind === 'pain-points');
    if (pain?.kind !== 'pain-points') throw new Error('no pain-point round in the export');
    expect(pain.moderation).toEqual([
      { action: 'hidden', reason: 'offensive', theme: null, times: 1, entries: 1 },
      { action: 'suggestion-accepted', reason: null, theme: 'Bus, ziekenhuis', times: 1, entries: 2 },
    ]);
    expect(pain.themes.map((t) => [t.name, t.suggested])).toEqual([['Bus, ziekenhuis', true]]);
  });

  it('SU1 a vote round is ROUND_KIND, an unknown round ROUND_NOT_FOUND, a draft ROUND_NOT_OPEN', async () => {
    const w = await setUpWorkshop(server.url, 0, 'Knelpunten');
    const f = w.facilitator;
    const vote = await createRound(f, { question: 'Ja of nee?', options: ['Ja', 'Nee'] });
    const draft = await createRound(f, { question: 'Knelpunten?', options: [], config: { kind: 'pain-points' } });
    const refused = async (roundId: string) => {
      const ack = await f.send('painpoint:suggest-themes', { roundId });
      return ack.ok ? 'ok' : ack.error.code;
    };
    expect(await refused(vote)).toBe('ROUND_KIND');
    expect(await refused(draft)).toBe('ROUND_NOT_OPEN');
    expect(await refused('roundroundround1')).toBe('ROUND_NOT_FOUND');
  });
});
