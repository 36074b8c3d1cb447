/**
 * Klare taal (core KT1, KT2) over real sockets: the session's setting and a round's plain wording reach
 * the phones, and both are kept in SQLite across a restart.
 */
import { describe, expect, it } from 'vitest';
import {
  connect,
  createRound,
  newCommandId,
  setUpWorkshop,
  signedInClient,
  type TestServer,
  serverPerFile,
} from './helpers.ts';

let server: TestServer;
serverPerFile((started) => (server = started));

const plain = { question: 'Wat wil je?', options: ['Ja, graag', '', 'Nog niet'] };

describe('klare taal', () => {
  it('KT1 KT2 plain language and a round’s plain wording reach the phones and are kept across a restart', async () => {
    const w = await setUpWorkshop(server.url, 1);
    const phone = w.phones[0]!.client;
    const roundId = await createRound(w.facilitator, { plain });
    const bare = await createRound(w.facilitator, { question: 'Zonder klare taal' });
    await w.facilitator.ok('round:open', { commandId: newCommandId(), roundId });
    const before = await phone.waitFor('participant:view', (v) => v.round?.id === roundId);
    expect(before.session).not.toHaveProperty('plainLanguage');
    expect(before.round?.plain).toEqual(plain);

    await w.facilitator.ok('session:update', { commandId: newCommandId(), settings: { plainLanguage: true } });
    const on = await phone.waitFor('participant:view', (v) => v.session.plainLanguage === true);
    expect(on.round?.plain).toEqual(plain);
    expect(await connect(server.url).then((c) => c.ok('session:lookup', { joinCode: w.joinCode }))).toMatchObject({
      plainLanguage: true,
    });

    await server.restart();
    const console = await signedInClient(server.url, w.cookie);
    const view = await console.ok('facilitator:attach', { sessionId: w.sessionId });
    expect(view.session.settings.plainLanguage).toBe(true);
    expect(view.rounds.find((r) => r.id === roundId)?.plain).toEqual(plain);
    expect(view.rounds.find((r) => r.id === bare)).not.toHaveProperty('plain');

    // Turned off again, a round's update without a plain wording leaves none (and the store agrees).
    await console.ok('session:update', { commandId: newCommandId(), settings: { plainLanguage: false } });
    await console.ok('round:update', {
      commandId: newCommandId(),
      roundId: bare,
      question: 'Nu wel',
      options: ['A', 'B'],
      plain: { question: 'Nu wel?', options: [] },
    });
    await server.restart();
    const again = await (
      await signedInClient(server.url, w.cookie)
    ).ok('facilitator:attach', { sessionId: w.sessionId });
    expect(again.session.settings.plainLanguage).toBeFalsy();
    expect(again.rounds.find((r) => r.id === bare)?.plain).toEqual({ question: 'Nu wel?', options: [] });
    expect(await connect(server.url).then((c) => c.ok('session:lookup', { joinCode: w.joinCode }))).not.toHaveProperty(
      'plainLanguage',
    );
  });
});
