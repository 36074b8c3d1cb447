/**
 * Designing a session over real sockets (core DE1-DE9, TM1): details and zones, the agenda's edits,
 * a session made from the built-in template, and all of it kept across a restart.
 */
import { builtInTemplates } from '@vrijuit/core/templates';
import { designOf } from '@vrijuit/core';
import { describe, expect, it } from 'vitest';
import {
  signedInClient,
  createRound,
  dumpDb,
  newCommandId,
  openRound,
  setUpWorkshop,
  type TestClient,
  type TestServer,
  serverPerFile,
} from './helpers.ts';

let server: TestServer;
serverPerFile((started) => (server = started));

const template = builtInTemplates[0]!.design;

async function consoleView(facilitator: TestClient, workshop: { sessionId: string }) {
  return facilitator.ok('facilitator:attach', { sessionId: workshop.sessionId });
}

const agendaOf = async (...args: Parameters<typeof consoleView>) =>
  (await consoleView(...args)).rounds.map((r) => [r.question, r.status]);

describe('session design', () => {
  it('DE1 DE2 session:update changes details and settings; zones only before anyone joined', async () => {
    const empty = await setUpWorkshop(server.url, 0);
    const { facilitator } = empty;
    await facilitator.ok('session:update', {
      commandId: newCommandId(),
      title: 'Tweede sessie',
      description: 'Na de zomer',
      date: '2026-09-15',
      language: 'fr',
      settings: { anonymityThreshold: 4 },
      zones: [{ name: 'West', municipalities: [{ name: 'Mol', weight: 2 }] }, 'Oost'],
    });
    const view = await consoleView(facilitator, empty);
    expect(view.session).toMatchObject({
      title: 'Tweede sessie',
      description: 'Na de zomer',
      date: '2026-09-15',
      language: 'fr',
      settings: { anonymityThreshold: 4, weighted: false },
      zones: [
        { id: 'z1', name: 'West', municipalities: [{ id: 'z1m1', name: 'Mol', weight: 2 }] },
        { id: 'z2', name: 'Oost', municipalities: [] },
      ],
    });
    // The console hears it too, as a pushed view.
    await facilitator.until(
      () => facilitator.latest('facilitator:view')?.session.title === 'Tweede sessie' || undefined,
    );

    const joined = await setUpWorkshop(server.url, 1);
    const before = dumpDb(server.dbFile);
    expect(
      await joined.facilitator.send('session:update', { commandId: newCommandId(), zones: ['West'] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ZONES_IN_USE' },
    });
    expect(dumpDb(server.dbFile)).toEqual(before);
    await joined.facilitator.ok('session:update', { commandId: newCommandId(), date: null, description: 'ok' });
    expect((await consoleView(joined.facilitator, joined)).session).toMatchObject({ description: 'ok', date: null });
  });

  it('DE3-DE6 a draft round is updated, moved, duplicated and deleted; open and closed ones refuse', async () => {
    const w = await setUpWorkshop(server.url, 1);
    const { facilitator } = w;
    const closed = await openRound(facilitator, { question: 'Eerste' });
    const open = await openRound(facilitator, { question: 'Tweede' });
    const draft = await createRound(facilitator, { question: 'Derde' });
    expect(await agendaOf(facilitator, w)).toEqual([
      ['Eerste', 'closed'],
      ['Tweede', 'open'],
      ['Derde', 'draft'],
    ]);

    await facilitator.ok('round:update', {
      commandId: newCommandId(),
      roundId: draft,
      question: 'Kon je vrijuit spreken?',
      options: ['In mijn zone', 'Tussen de zones'],
      config: { kind: 'scale', labels: ['Helemaal niet', 'Helemaal wel'] },
      compareKey: 'speak-freely',
    });
    for (const roundId of [closed, open]) {
      for (const [name, request] of [
        ['round:update', { commandId: newCommandId(), roundId, question: 'X', options: ['A', 'B'] }],
        ['round:delete', { commandId: newCommandId(), roundId }],
      ] as const) {
        expect(await facilitator.sendRaw(name, request), name).toMatchObject({
          ok: false,
          error: { code: 'ROUND_STATE' },
        });
      }
    }
    await facilitator.ok('round:move', { commandId: newCommandId(), roundId: draft, position: 0 });
    expect(
      await facilitator.send('round:move', { commandId: newCommandId(), roundId: draft, position: 3 }),
    ).toMatchObject({ ok: false, error: { code: 'POSITION_OUT_OF_RANGE' } });
    const { roundId: copyOfClosed } = await facilitator.ok('round:duplicate', {
      commandId: newCommandId(),
      roundId: closed,
    });
    const { roundId: copyOfDraft } = await facilitator.ok('round:duplicate', {
      commandId: newCommandId(),
      roundId: draft,
    });

    const view = await consoleView(facilitator, w);
    expect(view.rounds.map((r) => [r.id, r.status])).toEqual([
      [draft, 'draft'],
      [copyOfDraft, 'draft'],
      [closed, 'closed'],
      [copyOfClosed, 'draft'],
      [open, 'open'],
    ]);
    expect(view.rounds[1]).toMatchObject({
      question: 'Kon je vrijuit spreken?',
      compareKey: 'speak-freely',
      rerunOf: null,
      results: null,
    });
    expect(view.rounds[3]).toMatchObject({ question: 'Eerste', results: null, respondents: 0, compareKey: null });

    await facilitator.ok('round:delete', { commandId: newCommandId(), roundId: copyOfClosed });
    // The agenda (and its order) as the store keeps it, after a restart.
    await server.restart();
    const again = await consoleView(await signedInClient(server.url, w.cookie), w);
    expect(again.rounds.map((r) => [r.id, r.compareKey])).toEqual([
      [draft, 'speak-freely'],
      [copyOfDraft, 'speak-freely'],
      [closed, null],
      [open, null],
    ]);
  });

  it('DE8 DE9 TM1 a session made from the built-in template has its agenda as drafts and gives its design back', async () => {
    const w = await setUpWorkshop(server.url, 0, template.title, { design: template });
    const view = await consoleView(w.facilitator, w);
    expect(view.rounds.map((r) => [r.config.kind, r.status])).toEqual(
      template.agenda.map((r) => [r.config.kind, 'draft']),
    );
    expect(view.session.zones.map((z) => z.municipalities.length)).toEqual([4, 5, 4, 8, 6]);
    await server.restart();
    const state = await server.store.loadSession(w.sessionId);
    expect(designOf(state!)).toEqual(template);
  });

  it('DE9 an agenda item that breaks RO1 creates no session at all', async () => {
    const before = dumpDb(server.dbFile);
    const broken = { ...template, agenda: [{ ...template.agenda[1]!, options: ['alleen'] }] };
    await expect(setUpWorkshop(server.url, 0, 'Kapot', { design: broken })).rejects.toThrow(/BAD_REQUEST/);
    expect(dumpDb(server.dbFile)).toEqual(before);
  });
});
