/**
 * DB7-DB9: the rest of the store contract (store.ts's ServerStore beyond the sessions): the co-edited
 * texts' Yjs log, accounts with their sign-ins and shares, and templates; run against SQLite and against a
 * real PostgreSQL this file starts (postgres.ts), as store-contract.test.ts does for DB1-DB6.
 */
import { createRound, openRound, saveTextVersion } from '@vrijuit/core';
import { SessionDesign, type SavedTemplate } from '@vrijuit/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredAccount } from '../src/store/account-store.ts';
import type { ServerStore } from '../src/store/store.ts';
import { newCommandId } from './helpers.ts';
import { oneZoneSession } from './session-fixture.ts';
import { postgresBackend, sqliteBackend, stopTestPostgres, type Backend } from './store-backends.ts';
import { session } from './store-sessions.ts';

afterAll(() => stopTestPostgres());

const bytes = (text: string) => new TextEncoder().encode(text);
const texts = (updates: Uint8Array[]) => updates.map((u) => new TextDecoder().decode(u));

const account = (name: string, role: StoredAccount['role'] = 'facilitator'): StoredAccount => {
  const id = `a-${newCommandId()}`;
  return { id, email: `${name.toLowerCase()}-${id}@test.invalid`, name, role, passwordHash: `scrypt$${id}` };
};

/** A design as the templates store it (parsed again on the way out, so with every default filled in). */
const design = (title: string) => SessionDesign.parse({ title, zones: [{ name: 'Noord' }] });

describe.each([
  { name: 'SQLite', open: sqliteBackend },
  { name: 'PostgreSQL', open: postgresBackend },
])('store contract on $name (DB7-DB9)', ({ open }) => {
  let backend: Backend;
  let store: ServerStore;
  beforeAll(async () => {
    backend = await open();
    store = backend.store;
  });
  afterAll(() => backend?.close());

  it('DB7 R3 TX3 a text’s Yjs log comes back in the order written, per session and document; a compaction replaces it in one write; saved versions read back; also after reopening', async () => {
    const s = session(() => store);
    await s.create();
    const other = session(() => store);
    await other.create();
    let log = backend.yjsLog();
    expect(await log.writeYjs(s.sessionId, 'plenary', { compact: null, updates: [bytes('a'), bytes('b')] })).toBe(2);
    expect(await log.writeYjs(s.sessionId, 'plenary', { compact: null, updates: [bytes('c')] })).toBe(3);
    expect(await log.writeYjs(s.sessionId, 'zone', { compact: null, updates: [bytes('z')] })).toBe(1);
    expect(await log.writeYjs(other.sessionId, 'plenary', { compact: null, updates: [bytes('o')] })).toBe(1);
    expect(texts(await log.yjsUpdates(s.sessionId, 'plenary'))).toEqual(['a', 'b', 'c']);
    expect(await log.yjsUpdates(s.sessionId, 'nobody-wrote-me')).toEqual([]);
    const all = await log.sessionYjs(s.sessionId);
    expect([...all.keys()].sort()).toEqual(['plenary', 'zone']);
    expect(texts(all.get('zone')!)).toEqual(['z']);
    // A compaction and what follows it, in one write: the log starts again at the compacted state.
    expect(await log.writeYjs(s.sessionId, 'plenary', { compact: bytes('abc'), updates: [bytes('d')] })).toBe(2);
    expect(texts(await log.yjsUpdates(s.sessionId, 'plenary'))).toEqual(['abc', 'd']);
    expect(await log.writeYjs(s.sessionId, 'plenary', { compact: null, updates: [bytes('e')] })).toBe(3);
    // Bytes of every value come back as written (not text: a Yjs update is binary).
    const binary = Uint8Array.from({ length: 256 }, (_, i) => i);
    await log.writeYjs(s.sessionId, 'binary', { compact: null, updates: [binary] });
    expect(await log.yjsUpdates(s.sessionId, 'binary')).toEqual([binary]);
    // TX3: a saved version is stored with its session's commit; its Yjs state reads back.
    await s.decide((st) =>
      createRound(st, {
        roundId: 'text',
        question: 'Tekst',
        options: [],
        config: { kind: 'position-text', zoneDrafts: false },
        reveal: 'manual',
        durationSeconds: null,
      }),
    );
    await s.decide((st) => openRound(st, { roundId: 'text', now: 0 }));
    await s.decide((st) =>
      saveTextVersion(st, { roundId: 'text', versionId: 'v1', zoneId: null, label: 'Eerste', snapshot: binary }),
    );
    expect(await log.textVersionData(s.sessionId, 'text', 'v1')).toEqual(binary);
    expect(await log.textVersionData(s.sessionId, 'text', 'v2')).toBeNull();
    store = await backend.reopen();
    log = backend.yjsLog();
    expect(texts(await log.yjsUpdates(s.sessionId, 'plenary'))).toEqual(['abc', 'd', 'e']);
    expect(texts(await log.yjsUpdates(other.sessionId, 'plenary'))).toEqual(['o']);
    expect(await log.textVersionData(s.sessionId, 'text', 'v1')).toEqual(binary);
  });

  it('DB8 AC4 AC6 accounts: an email is taken once; "only if none" makes exactly one first account, also when asked at once; sign-ins end one by one, per account but one, and expired ones are swept', async () => {
    const accounts = store.accounts;
    // A database of its own for "the first account": this backend's may hold others' accounts.
    const firsts = [account('Eerste', 'admin'), account('Tweede', 'admin'), account('Derde', 'admin')];
    const before = await accounts.count();
    // On PostgreSQL the three requests are made to wait together (another writer holds the table), so each
    // has begun before any has ended: only a lock taken before "no account yet" is read keeps them apart.
    const hold = await backend.holdAccounts();
    const creating = Promise.all(firsts.map((a) => accounts.create(a, { onlyIfNone: true })));
    await hold?.waiting(firsts.length);
    await hold?.release();
    const results = await creating;
    if (before === 0) {
      expect(results.filter((r) => r === 'created')).toHaveLength(1);
      expect(results.filter((r) => r === 'not-first')).toHaveLength(2);
    } else expect(results).toEqual(['not-first', 'not-first', 'not-first']);
    const ann = account('Ann');
    const bert = account('Bert');
    expect(await accounts.create(ann)).toBe('created');
    expect(await accounts.create(bert)).toBe('created');
    expect(await accounts.create({ ...account('Ann2'), email: ann.email })).toBe('exists');
    expect(await accounts.byEmail(ann.email)).toEqual(ann);
    expect(await accounts.byId(bert.id)).toEqual(bert);
    expect(await accounts.byId('nobody')).toBeNull();
    const listed = await accounts.list();
    expect(listed.filter((a) => a.id === ann.id || a.id === bert.id)).toEqual([ann, bert]);
    expect(await accounts.count()).toBe(listed.length);
    await accounts.setPassword(ann.id, 'scrypt$new');
    expect((await accounts.byId(ann.id))!.passwordHash).toBe('scrypt$new');

    const soon = Date.now() + 60_000;
    const [s1, s2, s3] = [newCommandId(), newCommandId(), newCommandId()];
    await accounts.addSignIn(s1, ann.id, soon);
    await accounts.addSignIn(s2, ann.id, soon + 1);
    await accounts.addSignIn(s3, bert.id, soon);
    expect(await accounts.signIn(s1)).toEqual({ account: { ...ann, passwordHash: 'scrypt$new' }, expiresAt: soon });
    await accounts.deleteSignIn(s1);
    expect(await accounts.signIn(s1)).toBeNull();
    const s4 = newCommandId();
    await accounts.addSignIn(s4, ann.id, soon);
    expect((await accounts.deleteSignInsOf(ann.id, s4)).sort()).toEqual([s2]);
    expect(await accounts.signIn(s4)).not.toBeNull();
    expect(await accounts.deleteSignInsOf(ann.id, null)).toEqual([s4]);
    expect(await accounts.signIn(s3)).not.toBeNull();
    // An expired sign-in is swept when another is made.
    const old = newCommandId();
    await accounts.addSignIn(old, bert.id, Date.now() - 1);
    await accounts.addSignIn(newCommandId(), bert.id, soon);
    expect(await accounts.signIn(old)).toBeNull();
  });

  it('DB8 AC2 shares and listings: an account lists the sessions it owns and those shared with it (with legacy ones only when asked), with counts; shares come and go once', async () => {
    const accounts = store.accounts;
    const [ann, bert] = [account('Ann'), account('Bert')];
    await accounts.create(ann);
    await accounts.create(bert);
    const owned = session(() => store);
    const zones = [{ name: 'Noord', municipalities: [{ name: 'Geel' }] }, 'Zuid'];
    await owned.decide(() =>
      oneZoneSession(owned.sessionId, owned.joinCode, { ownerAccountId: ann.id, title: 'B', zones }),
    );
    await owned.join(1);
    await owned.join(2);
    const legacy = session(() => store);
    await legacy.decide(() =>
      oneZoneSession(legacy.sessionId, legacy.joinCode, {
        ownerAccountId: undefined,
        title: `Oud ${legacy.sessionId}`,
      }),
    );
    expect(await accounts.ownerOf(owned.sessionId)).toBe(ann.id);
    expect(await accounts.ownerOf(legacy.sessionId)).toBeNull();
    expect(await accounts.ownerOf('no-such-session')).toBeUndefined();

    const [listing] = await accounts.sessionsOf(ann.id, false);
    expect(listing).toEqual({
      id: owned.sessionId,
      title: 'B',
      joinCode: owned.joinCode,
      ownerName: 'Ann',
      shared: false,
      participants: 2,
      rounds: 0,
      status: 'draft',
      date: null,
    });
    expect(await accounts.sessionsOf(bert.id, false)).toEqual([]);
    expect((await accounts.sessionsOf(bert.id, true)).map((l) => l.id)).toContain(legacy.sessionId);

    expect(await accounts.isSharedWith(owned.sessionId, bert.id)).toBe(false);
    await accounts.share(owned.sessionId, bert.id);
    await accounts.share(owned.sessionId, bert.id);
    expect(await accounts.isSharedWith(owned.sessionId, bert.id)).toBe(true);
    expect(await accounts.sharesOf(owned.sessionId)).toEqual([bert]);
    expect(await accounts.sessionsOf(bert.id, false)).toEqual([{ ...listing, shared: true }]);
    await accounts.unshare(owned.sessionId, bert.id);
    expect(await accounts.sharesOf(owned.sessionId)).toEqual([]);
    expect(await accounts.sessionsOf(bert.id, false)).toEqual([]);
  });

  it('DB9 DE8 templates are each account’s own: listed by name whatever its case, newest first among equal names; deleted by their owner only', async () => {
    const [ann, bert] = [account('Ann'), account('Bert')];
    await store.accounts.create(ann);
    await store.accounts.create(bert);
    const template = (name: string, createdAt: number): SavedTemplate => ({
      id: `t-${newCommandId()}`,
      name,
      design: design(name),
      createdAt,
    });
    const [b, aOld, aNew, upper] = [template('beta', 1), template('alfa', 1), template('alfa', 2), template('Bèta', 3)];
    for (const t of [b, aOld, aNew, upper]) await store.templates.add(ann.id, t);
    await store.templates.add(bert.id, template('alfa', 5));
    const names = (list: SavedTemplate[]) => list.map((t) => `${t.name}@${t.createdAt}`);
    expect(names(await store.templates.of(ann.id))).toEqual(['alfa@2', 'alfa@1', 'beta@1', 'Bèta@3']);
    expect((await store.templates.of(ann.id))[0]).toEqual(aNew);
    expect(names(await store.templates.of(bert.id))).toEqual(['alfa@5']);
    expect(await store.templates.delete(bert.id, aNew.id)).toBe(false);
    expect(await store.templates.delete(ann.id, aNew.id)).toBe(true);
    expect(await store.templates.delete(ann.id, aNew.id)).toBe(false);
    expect(names(await store.templates.of(ann.id))).toEqual(['alfa@1', 'beta@1', 'Bèta@3']);
  });
});
