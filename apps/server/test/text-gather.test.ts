import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import * as Y from 'yjs';
import { paragraphTexts } from '@vrijuit/core/text';
import { textOfDoc } from '../src/export/text-snapshot.ts';
import {
  closeAllClients,
  newCommandId,
  openTextRound,
  setUpWorkshop,
  startServer,
  type TestServer,
  type Workshop,
} from './helpers.ts';
import { writeTiptapText } from './export-text.ts';
import { databaseOfFile, TEST_STORE } from './test-store.ts';
import { destroyProviders, docInStore, synced, until, yjsProvider } from './yjs-clients.ts';

let server: TestServer;
let workshop: Workshop;
let round: Awaited<ReturnType<typeof openTextRound>>;

beforeEach(async () => {
  server ??= await startServer();
  workshop = await setUpWorkshop(server.url, 1);
  round = await openTextRound(workshop.facilitator, true);
});
afterEach(() => {
  destroyProviders();
  closeAllClients();
});
afterAll(async () => server.close());

const room = (docName: string) => `${workshop.sessionId}/${docName}`;
/** The words of a text as the store holds it, block by block. */
const storedWords = (docName: string) =>
  paragraphTexts(textOfDoc(docInStore(server.dbFile, workshop.sessionId, docName)));

/** A phone of zone z1 writes its zone's draft (heading, paragraph, list) and the store has it. */
async function writeDraft(): Promise<string[]> {
  const draft = yjsProvider(server.wsUrl, room(round.draft('z1')), workshop.phones[0]!.token);
  await synced(draft);
  writeTiptapText(draft.doc, { heading: 'Ons voorstel', paragraph: 'Vaker samen overleggen.', items: ['Maandelijks'] });
  const words = paragraphTexts(textOfDoc(draft.doc));
  await until(() => storedWords(round.draft('z1')).length === words.length);
  return words;
}

const close = (closeEmptyText?: boolean) =>
  workshop.facilitator.send('round:close', {
    commandId: newCommandId(),
    roundId: round.roundId,
    ...(closeEmptyText === undefined ? {} : { closeEmptyText }),
  });

describe('TX6 the final text does not end empty by accident', () => {
  it('TX6 an empty plenary text with a zone draft holding text is not closed by round:close, session:next or opening another round: TEXT_EMPTY, the round stays open', async () => {
    await writeDraft();
    expect(await close()).toMatchObject({ ok: false, error: { code: 'TEXT_EMPTY' } });
    expect(await workshop.facilitator.send('session:next', { commandId: newCommandId() })).toMatchObject({
      ok: false,
      error: { code: 'TEXT_EMPTY' },
    });
    const { roundId: next } = await workshop.facilitator.ok('round:create', {
      commandId: newCommandId(),
      question: 'Hoe verder?',
      options: ['Ja', 'Nee'],
      config: { kind: 'single-choice' },
    });
    expect(await workshop.facilitator.send('round:open', { commandId: newCommandId(), roundId: next })).toMatchObject({
      ok: false,
      error: { code: 'TEXT_EMPTY' },
    });
    // Still open: a phone can still write.
    expect(await workshop.phones[0]!.client.send('text:ticket', { docName: round.plenary })).toMatchObject({
      ok: true,
    });
    expect(await close(true)).toEqual({ ok: true, value: {} });
  });

  it('TX6 gathering puts each draft under its zone’s name into the plenary text, which every editor receives and the store keeps; then the round closes', async () => {
    const words = await writeDraft();
    const plenary = yjsProvider(server.wsUrl, room(round.plenary), { cookie: workshop.cookie });
    await synced(plenary);
    const gathered = await workshop.facilitator.ok('text:gather-drafts', {
      commandId: newCommandId(),
      roundId: round.roundId,
    });
    expect(gathered).toEqual({ gathered: 1 });
    const expected = ['Noord', ...words];
    await until(() => paragraphTexts(textOfDoc(plenary.doc)).join('|') === expected.join('|'));
    // The empty paragraph a fresh text has is replaced, and the zone's name is a level-2 heading.
    expect(textOfDoc(plenary.doc).content?.[0]).toEqual({
      type: 'heading',
      attrs: { level: 2 },
      content: [{ type: 'text', text: 'Noord' }],
    });
    expect(storedWords(round.plenary)).toEqual(expected);
    expect(await close()).toEqual({ ok: true, value: {} });
  });

  it('TX6 nobody editing the plenary text: gathering appends after what is there and keeps it in the store only', async () => {
    const words = await writeDraft();
    const plenary = yjsProvider(server.wsUrl, room(round.plenary), { cookie: workshop.cookie });
    await synced(plenary);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Inleiding.')]);
    plenary.doc.getXmlFragment('text').push([paragraph]);
    await until(() => storedWords(round.plenary).length === 1);
    destroyProviders();
    await workshop.facilitator.ok('text:gather-drafts', { commandId: newCommandId(), roundId: round.roundId });
    // Stored when the ack comes, on PostgreSQL too (where the texts are written behind, the ack waits).
    expect(storedWords(round.plenary)).toEqual(['Inleiding.', 'Noord', ...words]);
    // A later editor loads it from the store.
    const later = yjsProvider(server.wsUrl, room(round.plenary), { cookie: workshop.cookie });
    await synced(later);
    expect(paragraphTexts(textOfDoc(later.doc))).toEqual(['Inleiding.', 'Noord', ...words]);
  });

  it.runIf(TEST_STORE === 'postgres')(
    'TX6 DB10 on PostgreSQL, where texts are written behind, the gather is acknowledged only once its text is stored',
    async () => {
      const words = await writeDraft();
      const url = databaseOfFile(server.dbFile)!;
      const blocker = new pg.Client(url);
      const watcher = new pg.Client(url);
      await Promise.all([blocker.connect(), watcher.connect()]);
      try {
        // The write of the gathered text waits behind this lock, as behind a slow disk.
        await blocker.query('BEGIN');
        await blocker.query('LOCK TABLE yjs_updates IN EXCLUSIVE MODE');
        let acked = false;
        const ack = workshop.facilitator
          .ok('text:gather-drafts', { commandId: newCommandId(), roundId: round.roundId })
          .then((value) => ((acked = true), value));
        // PostgreSQL shows the write waiting for the lock: the gather is done, its text not yet stored.
        for (let waiting = 0; waiting === 0;) {
          const { rows } = await watcher.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
          );
          waiting = rows[0]!.n;
        }
        expect(acked).toBe(false);
        await blocker.query('COMMIT');
        expect(await ack).toEqual({ gathered: 1 });
        expect(storedWords(round.plenary)).toEqual(['Noord', ...words]);
      } finally {
        await Promise.all([blocker.end(), watcher.end()]);
      }
    },
  );

  it('TX6 nothing to lose, nothing asked: empty drafts close at once; gathering them gathers 0', async () => {
    const draft = yjsProvider(server.wsUrl, room(round.draft('z2')), workshop.phones[0]!.token);
    await synced(draft);
    draft.doc.getXmlFragment('text').push([new Y.XmlElement('paragraph')]);
    expect(
      await workshop.facilitator.ok('text:gather-drafts', { commandId: newCommandId(), roundId: round.roundId }),
    ).toEqual({ gathered: 0 });
    expect(await close()).toEqual({ ok: true, value: {} });
  });

  it('TX6 gathering is for an open position text with zone drafts only: ROUND_NOT_OPEN once closed, ROUND_KIND without drafts', async () => {
    expect(await close()).toEqual({ ok: true, value: {} });
    const gather = (roundId: string) =>
      workshop.facilitator.send('text:gather-drafts', { commandId: newCommandId(), roundId });
    expect(await gather(round.roundId)).toMatchObject({ ok: false, error: { code: 'ROUND_NOT_OPEN' } });
    const plain = await openTextRound(workshop.facilitator, false);
    expect(await gather(plain.roundId)).toMatchObject({ ok: false, error: { code: 'ROUND_KIND' } });
  });
});
