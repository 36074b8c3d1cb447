import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '@vrijuit/core';
import {
  batchEvents,
  batchNotices,
  batchRecords,
  distinctSenders,
  PendingInputs,
  queueOf,
  releaseSlices,
  type InputKind,
  type PendingInput,
} from './anonymous-batches.ts';

const vote = (voterKey: string, optionId: string): DomainEvent => ({
  type: 'vote:cast',
  roundId: 'r1',
  voterKey,
  zoneId: 'z1',
  municipalityId: null,
  ballot: { kind: 'single-choice', optionId },
});

function input(sender: string | null, n: number, kind: InputKind = 'ballot', first = true): PendingInput {
  const key = sender ?? `paper-${n}`;
  return {
    queue: queueOf('r1', kind, first),
    roundId: 'r1',
    kind,
    sender,
    events: [vote(key, `o${n}`)],
    record: { scope: 's', commandId: `rec-${key}-${n}`, result: { ok: true, value: { stored: true } } },
    received: { ok: true, value: { stored: false } },
    notify: new Map([[`socket-${key}`, `cmd-${key}-${n}`]]),
    riders: [],
  };
}

describe('AN13 batches of k distinct participants', () => {
  it('AN13 queues apart per round, kind, and first against later inputs; pain points one queue per round', () => {
    expect(
      new Set([queueOf('r1', 'ballot', true), queueOf('r1', 'ballot', false), queueOf('r2', 'ballot', true)]).size,
    ).toBe(3);
    expect(queueOf('r1', 'support', true)).not.toBe(queueOf('r1', 'ballot', true));
    expect(queueOf('r1', 'point', true)).toBe(queueOf('r1', 'point', false));
  });

  it('AN13 counts distinct participants, never paper, never one participant twice', () => {
    expect(distinctSenders([input('a', 1), input('a', 2), input('b', 3)])).toBe(2);
    expect(distinctSenders([input(null, 1), input(null, 2), input('a', 3)])).toBe(1);
  });

  it('AN13 a batch holds every event once, each sender’s own in their order, senders shuffled', () => {
    const items = [input('a', 1), input('b', 2), input('a', 3), input(null, 4), input('c', 5)];
    const orders = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const events = batchEvents(items);
      expect(events).toHaveLength(5);
      const a = events.flatMap((e) => (e.type === 'vote:cast' && e.voterKey === 'a' ? [e.ballot] : []));
      expect(a).toEqual([
        { kind: 'single-choice', optionId: 'o1' },
        { kind: 'single-choice', optionId: 'o3' },
      ]);
      orders.add(events.map((e) => (e.type === 'vote:cast' ? e.voterKey : '')).join());
    }
    // Four senders (a, b, c, one paper form): 24 orders; 200 draws show many of them.
    expect(orders.size).toBeGreaterThan(10);
  });

  it('AN14 a batch stores every record, riders included, and tells each socket its own command ids', () => {
    const first = input('a', 1);
    const second = input('b', 2);
    second.notify.set('socket-b2', 'cmd-b-2');
    first.riders.push({
      record: { scope: 's', commandId: 'rider', result: {} },
      received: { ok: true, value: { stored: false } },
      notify: new Map([['socket-a', 'cmd-rider']]),
    });
    expect(batchRecords([first, second]).map((r) => r.commandId)).toEqual(['rec-a-1', 'rider', 'rec-b-2']);
    expect(batchNotices([first, second])).toEqual(
      new Map([
        ['socket-a', ['cmd-a-1', 'cmd-rider']],
        ['socket-b', ['cmd-b-2']],
        ['socket-b2', ['cmd-b-2']],
      ]),
    );
  });

  it('AN14 waiting commands are found by their record key (retries), riders too, until taken', () => {
    const pending = new PendingInputs();
    const a = input('a', 1);
    pending.add(a);
    pending.add(input('b', 2, 'support'));
    const rider = { record: { scope: 's', commandId: 'rider', result: {} }, received: a.received, notify: new Map() };
    pending.ride(pending.latestOf('r1', 'a')!, rider);
    expect(pending.find('rec-a-1')).toBe(a);
    expect(pending.find('rider')).toBe(rider);
    expect(pending.inQueue(a.queue)).toEqual([a]);
    expect(pending.inRound('r1')).toHaveLength(2);
    pending.take([a]);
    expect(pending.find('rec-a-1')).toBeNull();
    expect(pending.find('rider')).toBeNull();
    expect(pending.size).toBe(1);
  });
});

describe('AN8 AN13 P3 a big release in slices', () => {
  it('AN8 AN13 each slice holds at least `size` entries from k distinct participants, every entry once, in random order', () => {
    // 40 people, some with several entries, and paper (which counts toward no k).
    const items = Array.from({ length: 430 }, (_, n) => input(n % 9 === 0 ? null : `p${n % 40}`, n, 'point'));
    const firsts = new Set<string>();
    for (let run = 0; run < 50; run++) {
      const slices = releaseSlices(items, 5, 100);
      expect(slices.length).toBe(4);
      for (const slice of slices) {
        expect(slice.length).toBeGreaterThanOrEqual(100);
        expect(distinctSenders(slice)).toBeGreaterThanOrEqual(5);
      }
      const all = slices.flat();
      expect(new Set(all)).toEqual(new Set(items));
      expect(all).toHaveLength(items.length);
      firsts.add(all[0]!.record.commandId);
    }
    expect(firsts.size).toBeGreaterThan(10);
  });

  it('AN8 AN13 a batch under the slice size, or of too few people to cut, stays one slice', () => {
    const few = Array.from({ length: 60 }, (_, n) => input(`p${n % 4}`, n, 'point'));
    expect(releaseSlices(few, 3, 100)).toHaveLength(1);
    // 300 entries from 4 people, k = 3: a slice needs 3 people, so no more than one per 3 can be cut.
    const crowd = Array.from({ length: 300 }, (_, n) => input(`p${n % 4}`, n, 'point'));
    for (const slice of releaseSlices(crowd, 3, 100)) expect(distinctSenders(slice)).toBeGreaterThanOrEqual(3);
  });
});
