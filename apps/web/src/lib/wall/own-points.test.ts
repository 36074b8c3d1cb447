import { describe, expect, it } from 'vitest';
import type { Wall, WallPoint } from '@vrijuit/protocol';
import {
  addOwnPoint,
  addedCount,
  dropOwnPoint,
  isPainPointText,
  ownEntries,
  ownership,
  ownPointState,
  ownPointsKey,
  painPointLength,
  parseOwnPoints,
  supportedIds,
  type OwnPoint,
} from './own-points.ts';

const mine: OwnPoint = { pointId: 'pt-mine-0001', text: 'Te weinig tijd voor overleg', themeId: null };
const point = (id: string, extra: Partial<WallPoint> = {}): WallPoint => ({
  id,
  text: 'iets',
  themeId: null,
  hidden: null,
  support: 0,
  merged: [],
  ...extra,
});
const wall = (...points: WallPoint[]): Wall => ({ points, paper: null });

describe('own pain points', () => {
  it('keys the stored entries per session and round', () => {
    expect(ownPointsKey('sess-0001', 'round-0001')).toBe('vrijuit:own-points:sess-0001:round-0001');
    expect(ownPointsKey('sess-0001', 'round-0002')).not.toBe(ownPointsKey('sess-0001', 'round-0001'));
  });

  it('reads back only well-formed entries, once each', () => {
    expect(parseOwnPoints(null)).toEqual([]);
    expect(parseOwnPoints('nonsense')).toEqual([]);
    const themed = { pointId: 'pt-theme-001', text: 'Geen budget', themeId: 'o1' };
    expect(
      parseOwnPoints([
        mine,
        mine,
        themed,
        { ...mine, pointId: 'bad id!' },
        { ...mine, pointId: 'pt-empty-001', text: '   ' },
        { ...mine, pointId: 'pt-long-0001', text: 'x'.repeat(281) },
        { ...mine, pointId: 'pt-theme-002', themeId: 7 },
        { ...mine, pointId: 'pt-extra-001', author: 'someone' },
        42,
      ]),
    ).toEqual([mine, themed, { pointId: 'pt-extra-001', text: mine.text, themeId: null }]);
  });

  it('keeps only the id, the text and the theme', () => {
    const [read] = parseOwnPoints([{ ...mine, author: 'someone', at: 1700000000000 }]);
    expect(Object.keys(read!).sort()).toEqual(['pointId', 'text', 'themeId']);
  });

  it('adds an acknowledged entry once, even when the ack comes twice', () => {
    const once = addOwnPoint([], mine);
    expect(addOwnPoint(once, { ...mine })).toEqual([mine]);
    expect(addOwnPoint(once, { ...mine, pointId: 'pt-mine-0002' })).toHaveLength(2);
  });

  it('counts characters like the server: without surrounding white space', () => {
    expect(painPointLength('  hallo \n')).toBe(5);
    expect(isPainPointText('   ')).toBe(false);
    expect(isPainPointText(` ${'x'.repeat(280)}  `)).toBe(true);
    expect(isPainPointText('x'.repeat(281))).toBe(false);
  });

  it('says saved until the entry appears on the wall, then on the wall with its support', () => {
    expect(ownPointState(mine, null)).toEqual({ kind: 'saved' });
    expect(ownPointState(mine, wall(point('pt-other-001')))).toEqual({ kind: 'saved' });
    expect(ownPointState(mine, wall(point('pt-mine-0001', { support: 4 })))).toEqual({ kind: 'on-wall', support: 4 });
  });

  it('says why an own entry is hidden, and when it was merged into another', () => {
    const hidden = wall(point('pt-mine-0001', { text: null, hidden: 'off-topic' }));
    expect(ownPointState(mine, hidden)).toEqual({ kind: 'hidden', reason: 'off-topic' });
    const merged = wall(point('pt-other-001', { merged: ['Te weinig tijd voor overleg '] }));
    expect(ownPointState(mine, merged)).toEqual({ kind: 'merged' });
    // Merged under an entry that is hidden: its texts are not shown, so the phone does not claim it.
    const underHidden = wall(point('pt-other-001', { hidden: 'offensive', merged: [mine.text] }));
    expect(ownPointState(mine, underHidden)).toEqual({ kind: 'saved' });
  });

  it('lists acknowledged entries first, then those on their way or refused', () => {
    const entries = ownEntries(
      [mine],
      [
        { commandId: 'cmd-pending1', text: 'Onderweg', themeId: 'o2', state: 'pending', error: null },
        {
          commandId: 'cmd-failed01',
          text: 'Geweigerd',
          themeId: null,
          state: 'failed',
          error: { code: 'PAIN_POINT_LIMIT', message: 'x' },
        },
      ],
      wall(point('pt-mine-0001', { support: 2 })),
    );
    expect(entries.map((e) => [e.key, e.state.kind])).toEqual([
      ['pt-mine-0001', 'on-wall'],
      ['cmd-pending1', 'pending'],
      ['cmd-failed01', 'failed'],
    ]);
    expect(entries[1]).toMatchObject({ pointId: null, commandId: 'cmd-pending1', themeId: 'o2' });
    expect(addedCount(entries)).toBe(2);
  });

  it('shows an acknowledged entry as received until it is stored, and once', () => {
    const waiting = {
      commandId: 'cmd-mine0001',
      text: mine.text,
      themeId: null,
      state: 'received' as const,
      error: null,
      pointId: mine.pointId,
    };
    const entries = ownEntries([mine], [waiting], wall());
    expect(entries.map((e) => [e.key, e.state.kind, e.commandId])).toEqual([
      ['pt-mine-0001', 'received', 'cmd-mine0001'],
    ]);
    // Stored: the command left the outbox list; the entry is saved, or on the wall once released.
    expect(ownEntries([mine], [], wall())[0]?.state).toEqual({ kind: 'saved' });
    // The wall showing it says it is stored, whatever the outbox still thinks (a missed event).
    expect(ownEntries([mine], [waiting], wall(point('pt-mine-0001', { support: 1 })))[0]?.state).toEqual({
      kind: 'on-wall',
      support: 1,
    });
    // Received without a kept own entry (storage full): listed from the outbox, counted.
    const alone = ownEntries([], [waiting], wall());
    expect(alone.map((e) => [e.key, e.state.kind, e.pointId])).toEqual([['cmd-mine0001', 'received', 'pt-mine-0001']]);
    expect(addedCount(alone)).toBe(1);
  });

  it('shows an acknowledged entry as refused when its re-sent command was refused', () => {
    const refused = {
      commandId: 'cmd-mine0001',
      text: mine.text,
      themeId: null,
      state: 'failed' as const,
      error: { code: 'ROUND_NOT_OPEN' as const, message: 'x' },
      pointId: mine.pointId,
    };
    const entries = ownEntries([mine], [refused], wall());
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ key: 'pt-mine-0001', commandId: 'cmd-mine0001', state: { kind: 'failed' } });
    expect(addedCount(entries)).toBe(0);
    expect(dropOwnPoint([mine], mine.pointId)).toEqual([]);
  });

  it('marks own entries on the wall and follows the pending support over the server’s', () => {
    expect(ownership(point('pt-mine-0001'), [mine])).toBe('own');
    expect(ownership(point('pt-other-001', { merged: [mine.text] }), [mine])).toBe('merged-own');
    expect(ownership(point('pt-other-001', { merged: ['iets anders'] }), [mine])).toBeNull();
    expect(ownership(point('pt-other-001'), [])).toBeNull();
    const ids = ['p1', 'p2', 'p3'];
    expect([...supportedIds(ids, ['p1', 'gone'], [])]).toEqual(['p1']);
    expect([...supportedIds(ids, ['p1'], [{ pointId: 'p1', supported: false }])]).toEqual([]);
    const taps = [
      { pointId: 'p2', supported: true },
      { pointId: 'p3', supported: true },
      { pointId: 'p3', supported: false },
    ];
    expect([...supportedIds(ids, ['p1'], taps)]).toEqual(['p1', 'p2']);
  });
});
