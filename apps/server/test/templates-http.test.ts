import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComparedRound, SavedTemplate, SessionSummary } from '@vrijuit/protocol';
import {
  closeAllClients,
  createPainRound,
  createRound,
  newCommandId,
  OTHER_FACILITATOR,
  setUpWorkshop,
  signIn,
  single,
  startServer,
  voteFor,
  type TestServer,
} from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  closeAllClients();
  await server.close();
});

type Answer<T> = { status: number; body: { ok: boolean; value: T; error?: { code: string } } };

async function api<T = unknown>(method: string, path: string, cookie: string, body?: unknown): Promise<Answer<T>> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: body === undefined ? { cookie } : { cookie, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as never };
}

describe('saved templates', () => {
  it('saves a session design without people or input, lists and deletes it for its owner only, and round-trips', async () => {
    const w = await setUpWorkshop(server.url, 3, 'Kempen sessie');
    const vote = await createRound(w.facilitator, { question: 'Kon je vrijuit spreken?', compareKey: 'speak-freely' });
    const pain = await createPainRound(w.facilitator);
    await w.facilitator.ok('round:open', { commandId: newCommandId(), roundId: pain });
    const secret = 'Geheim pijnpunt over de bus';
    await w.phones[0]!.client.ok('painpoint:submit', { commandId: newCommandId(), roundId: pain, text: secret });
    await w.facilitator.ok('round:close', { commandId: newCommandId(), roundId: pain });

    const saved = await api<SavedTemplate>('POST', `/api/sessions/${w.sessionId}/template`, w.cookie, {
      name: 'Mijn sjabloon',
    });
    expect(saved.body.ok).toBe(true);
    const template = saved.body.value;
    expect(template.design.title).toBe('Kempen sessie');
    expect(template.design.agenda.map((r) => r.compareKey)).toEqual(['speak-freely', null]);
    expect(vote).toBeTruthy();
    const json = JSON.stringify(template);
    // The phones' names as whole JSON strings: a random id may hold "P3" (as "VwP3U9" did).
    for (const leak of [secret, w.joinCode, '"P1"', '"P2"', '"P3"']) expect(json).not.toContain(leak);

    const list = await api<SavedTemplate[]>('GET', '/api/templates', w.cookie);
    expect(list.body.value.map((t) => t.id)).toContain(template.id);

    // Another account neither reaches the session, nor sees or deletes the template.
    const other = await signIn(server.url, OTHER_FACILITATOR);
    const foreignSave = await api('POST', `/api/sessions/${w.sessionId}/template`, other, { name: 'x' });
    expect([foreignSave.status, foreignSave.body.error?.code]).toEqual([404, 'SESSION_NOT_FOUND']);
    expect((await api<SavedTemplate[]>('GET', '/api/templates', other)).body.value).toEqual([]);
    const foreignDelete = await api('DELETE', `/api/templates/${template.id}`, other);
    expect([foreignDelete.status, foreignDelete.body.error?.code]).toEqual([404, 'TEMPLATE_NOT_FOUND']);
    expect((await api<SavedTemplate[]>('GET', '/api/templates', w.cookie)).body.value).toHaveLength(1);

    // A session made from it has the same design, so saving it again gives the same plan back.
    const again = await setUpWorkshop(server.url, 0, 'ignored', { design: template.design });
    const resaved = await api<SavedTemplate>('POST', `/api/sessions/${again.sessionId}/template`, w.cookie, {
      name: 'Kopie',
    });
    expect(resaved.body.value.design).toEqual(template.design);

    expect((await api('DELETE', `/api/templates/${template.id}`, w.cookie)).body).toEqual({ ok: true, value: null });
    const left = await api<SavedTemplate[]>('GET', '/api/templates', w.cookie);
    expect(left.body.value.map((t) => t.name)).toEqual(['Kopie']);
    expect((await api('GET', '/api/templates', '')).status).toBe(401);
    expect((await api('POST', `/api/sessions/${w.sessionId}/template`, w.cookie, { name: ' ' })).status).toBe(400);
  });
});

describe('the pulse across sessions', () => {
  it('lists closed rounds with the compareKey of reachable sessions only, newest first, without breakdown', async () => {
    const key = 'pulse-test';
    const run = async (title: string, date: string, cookie?: string) => {
      const w = await setUpWorkshop(server.url, 3, title, cookie ? { cookie } : {});
      await w.facilitator.ok('session:update', { commandId: newCommandId(), date });
      const roundId = await createRound(w.facilitator, { question: 'Vrijuit?', compareKey: key });
      await w.facilitator.ok('round:open', { commandId: newCommandId(), roundId });
      for (const phone of w.phones) await phone.client.ok('vote:cast', voteFor(roundId, single('o1')));
      await w.facilitator.ok('round:close', { commandId: newCommandId(), roundId });
      // A round with the key that is still open does not count.
      const open = await createRound(w.facilitator, { compareKey: key });
      await w.facilitator.ok('round:open', { commandId: newCommandId(), roundId: open });
      return w;
    };
    const older = await run('Oud', '2025-01-10');
    const newer = await run('Nieuw', '2026-03-01');
    await run('Van Sam', '2026-05-01', await signIn(server.url, OTHER_FACILITATOR));

    const found = await api<ComparedRound[]>('GET', `/api/compare/${key}`, older.cookie);
    expect(found.body.value.map((r) => [r.sessionId, r.title, r.date])).toEqual([
      [newer.sessionId, 'Nieuw', '2026-03-01'],
      [older.sessionId, 'Oud', '2025-01-10'],
    ]);
    expect(found.body.value[0]!.results).toMatchObject({ respondents: 3, breakdown: null });
    expect((await api<ComparedRound[]>('GET', '/api/compare/no-such-key', older.cookie)).body.value).toEqual([]);

    const sessions = await api<SessionSummary[]>('GET', '/api/sessions', older.cookie);
    expect(sessions.body.value.find((s) => s.id === newer.sessionId)).toMatchObject({
      // Opening a round took the session live (LC1).
      status: 'live',
      date: '2026-03-01',
    });
  });
});
