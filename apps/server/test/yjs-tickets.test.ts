import type { IncomingMessage } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { YJS_TICKET_TTL_MS } from '@vrijuit/protocol';
import {
  closeAllClients,
  connect,
  openTextRound,
  setUpWorkshop,
  startServer,
  type TestServer,
  type Workshop,
} from './helpers.ts';
import { destroyProviders, synced, until, upgradeStatus, yjsProvider } from './yjs-clients.ts';

/** The server's clock runs `offset` ms ahead of real time, so a ticket can expire without waiting. */
let offset = 0;
let server: TestServer;
let workshop: Workshop;
let docs: Awaited<ReturnType<typeof openTextRound>>;
beforeAll(async () => {
  server = await startServer({ now: () => Date.now() + offset });
  workshop = await setUpWorkshop(server.url, 2);
  docs = await openTextRound(workshop.facilitator, true);
});
afterEach(() => {
  offset = 0;
  destroyProviders();
  closeAllClients([workshop.facilitator, ...workshop.phones.map((p) => p.client)]);
});
afterAll(async () => {
  closeAllClients();
  await server.close();
});

const ticketFor = async (docName: string, phone = 0) =>
  (await workshop.phones[phone]!.client.ok('text:ticket', { docName })).ticket;
const open = (docName: string, ticket: string) =>
  upgradeStatus(server.wsUrl, `/yjs/${workshop.sessionId}/${docName}?ticket=${encodeURIComponent(ticket)}`);

describe('TX5 one-time tickets instead of the token in the URL', () => {
  it('TX5 a participant’s editor opens its text with a ticket: no request URL carries the token', async () => {
    const urls: string[] = [];
    const record = (req: IncomingMessage) => urls.push(req.url ?? '');
    server.server.http.on('upgrade', record);
    try {
      const phone = workshop.phones[0]!;
      const editor = yjsProvider(server.wsUrl, `${workshop.sessionId}/${docs.plenary}`, phone.token);
      await synced(editor);
      // It reconnects with a fresh ticket (the first is used up).
      editor.disconnect();
      editor.connect();
      await until(() => editor.wsconnected && editor.synced);
      const yjs = urls.filter((u) => u.startsWith('/yjs/'));
      expect(yjs).toHaveLength(2);
      for (const url of urls) expect(url).not.toContain(phone.token);
      for (const url of yjs) expect(new URL(url, server.url).searchParams.get('token')).toBeNull();
      const [first, second] = yjs.map((u) => new URL(u, server.url).searchParams.get('ticket'));
      expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(second).not.toBe(first);
    } finally {
      server.server.http.off('upgrade', record);
    }
  });

  it('TX5 a ticket opens one connection; the same ticket again is refused (401)', async () => {
    const ticket = await ticketFor(docs.plenary);
    expect(await open(docs.plenary, ticket)).toBe(101);
    expect(await open(docs.plenary, ticket)).toBe(401);
  });

  it('TX5 a ticket older than its 30 s is refused (401), and used up', async () => {
    const ticket = await ticketFor(docs.plenary);
    offset = YJS_TICKET_TTL_MS + 1;
    expect(await open(docs.plenary, ticket)).toBe(401);
    offset = 0;
    expect(await open(docs.plenary, ticket)).toBe(401);
    // A ticket within its time opens.
    const fresh = await ticketFor(docs.plenary);
    offset = YJS_TICKET_TTL_MS - 1000;
    expect(await open(docs.plenary, fresh)).toBe(101);
  });

  it('TX5 a ticket for one text does not open another, and is used up by the try', async () => {
    const ticket = await ticketFor(docs.draft('z1'));
    expect(await open(docs.draft('z2'), ticket)).toBe(401);
    expect(await open(docs.plenary, ticket)).toBe(401);
    expect(await open(docs.draft('z1'), ticket)).toBe(401);
  });

  it('TX5 only a participant of the session gets a ticket, for a text of its session only', async () => {
    const stranger = await connect(server.url);
    expect(await stranger.send('text:ticket', { docName: docs.plenary })).toMatchObject({
      ok: false,
      error: { code: 'NOT_JOINED' },
    });
    expect(await workshop.facilitator.send('text:ticket', { docName: docs.plenary })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await workshop.phones[0]!.client.send('text:ticket', { docName: 'elsewhere-plenary' })).toMatchObject({
      ok: false,
      error: { code: 'ROUND_NOT_FOUND' },
    });
    expect(await workshop.phones[0]!.client.send('text:ticket', { docName: '../x' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });
});
