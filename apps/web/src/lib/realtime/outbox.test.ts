import { describe, expect, it } from 'vitest';
import {
  commandIdOf,
  enqueue,
  fromStored,
  hasPending,
  isRetryable,
  isReceivedOnly,
  isUnsettled,
  latestInSlot,
  markStored,
  nextPending,
  nextToSend,
  receivedIds,
  settle,
  toStored,
  type OutboxCommand,
  type OutboxEntry,
} from './outbox.ts';

const vote = (commandId: string, optionId: string, roundId = 'round-0001'): OutboxCommand => ({
  name: 'vote:cast',
  request: { commandId, roundId, ballot: { kind: 'single-choice', optionId } },
});
const open = (commandId: string, roundId: string): OutboxCommand => ({
  name: 'round:open',
  request: { commandId, roundId },
});
const close = (commandId: string, roundId: string): OutboxCommand => ({
  name: 'round:close',
  request: { commandId, roundId },
});
const ok = { ok: true as const, value: {} };
/** AN14: an anonymous input's ack, received (waiting to be stored with others) or stored. */
const received = (value: Record<string, unknown> = {}) => ({ ok: true as const, value: { ...value, stored: false } });
const stored = (value: Record<string, unknown> = {}) => ({ ok: true as const, value: { ...value, stored: true } });
const submit = (commandId: string, text: string): OutboxCommand => ({
  name: 'painpoint:submit',
  request: { commandId, roundId: 'r1', text, themeId: null },
});
const paperVote = (commandId: string): OutboxCommand => ({
  name: 'paper:vote',
  request: {
    commandId,
    roundId: 'r1',
    zoneId: 'z1',
    municipalityId: null,
    ballot: { kind: 'single-choice', optionId: 'o1' },
  },
});
const stateOf = (box: OutboxEntry[], slot: string) => latestInSlot(box, slot)?.state;
const fail = (
  code: 'ROUND_NOT_OPEN' | 'ROUND_LOCKED' | 'RATE_LIMITED' | 'NOT_JOINED' | 'SERVER_STOPPING' | 'INTERNAL',
) => ({
  ok: false as const,
  error: { code, message: 'x' },
});

describe('outbox', () => {
  it('shows a new command as pending, then sent once acked', () => {
    let box = enqueue([], vote('cmd-aaaaaaaa', 'o1'), 'vote:r1', true);
    expect(latestInSlot(box, 'vote:r1')?.state).toBe('pending');
    box = settle(box, 'cmd-aaaaaaaa', ok);
    expect(latestInSlot(box, 'vote:r1')?.state).toBe('sent');
    expect(hasPending(box)).toBe(false);
  });

  it('marks a refused command failed with the server error', () => {
    let box = enqueue([], vote('cmd-aaaaaaaa', 'o1'), 'vote:r1', true);
    box = settle(box, 'cmd-aaaaaaaa', fail('ROUND_NOT_OPEN'));
    const entry = latestInSlot(box, 'vote:r1');
    expect(entry?.state).toBe('failed');
    expect(entry?.error?.code).toBe('ROUND_NOT_OPEN');
  });

  it('lets a newer vote supersede a pending one, and ignores the late ack of the old one', () => {
    let box = enqueue([], vote('cmd-aaaaaaaa', 'o1'), 'vote:r1', true);
    box = enqueue(box, vote('cmd-bbbbbbbb', 'o2'), 'vote:r1', true);
    expect(box).toHaveLength(1);
    expect(nextPending(box)?.request).toMatchObject({ commandId: 'cmd-bbbbbbbb', ballot: { optionId: 'o2' } });
    box = settle(box, 'cmd-aaaaaaaa', ok);
    expect(latestInSlot(box, 'vote:r1')?.state).toBe('pending');
    box = settle(box, 'cmd-bbbbbbbb', ok);
    expect(latestInSlot(box, 'vote:r1')?.state).toBe('sent');
  });

  it('keeps every pending command of a slot without supersede, in order', () => {
    let box = enqueue([], open('cmd-open0001', 'r1'), 'round:r1', false);
    box = enqueue(box, close('cmd-close001', 'r1'), 'round:r1', false);
    expect(box.map(commandIdOf)).toEqual(['cmd-open0001', 'cmd-close001']);
    expect(nextPending(box)?.name).toBe('round:open');
    box = settle(box, 'cmd-open0001', ok);
    expect(nextPending(box)?.name).toBe('round:close');
    expect(latestInSlot(box, 'round:r1')?.name).toBe('round:close');
  });

  it('sends the oldest pending command first, across slots', () => {
    let box = enqueue([], vote('cmd-aaaaaaaa', 'o1', 'r1'), 'vote:r1', true);
    box = enqueue(box, vote('cmd-bbbbbbbb', 'o1', 'r2'), 'vote:r2', true);
    expect(commandIdOf(nextPending(box)!)).toBe('cmd-aaaaaaaa');
  });

  it('stores only pending commands and restores them with the same commandId', () => {
    let box = enqueue([], vote('cmd-aaaaaaaa', 'o1', 'r1'), 'vote:r1', true);
    box = settle(box, 'cmd-aaaaaaaa', ok);
    expect(toStored(box)).toBeNull();
    box = enqueue(box, vote('cmd-bbbbbbbb', 'o3', 'r2'), 'vote:r2', true);
    const stored = JSON.parse(JSON.stringify(toStored(box))) as unknown;
    const restored = fromStored(stored);
    expect(restored).toHaveLength(1);
    expect(restored[0]).toMatchObject({ state: 'pending', slot: 'vote:r2', request: { commandId: 'cmd-bbbbbbbb' } });
  });

  it('drops what it cannot trust when restoring', () => {
    const good: OutboxEntry = { ...vote('cmd-aaaaaaaa', 'o1'), slot: 'vote:r1', state: 'pending', error: null };
    expect(fromStored('nonsense')).toEqual([]);
    expect(fromStored(null)).toEqual([]);
    expect(
      fromStored([
        good,
        { ...good, name: 'session:delete' },
        { ...good, request: { ...good.request, commandId: 'bad id!' } },
        { ...good, slot: undefined },
        42,
      ]),
    ).toEqual([good]);
  });

  it('keeps each pain point apart and restores a pending one with its text', () => {
    let box = enqueue([], submit('cmd-pain0001', 'Te weinig tijd'), 'pain:r1:cmd-pain0001', false);
    box = enqueue(box, submit('cmd-pain0002', 'Te veel vergaderingen'), 'pain:r1:cmd-pain0002', false);
    box = settle(box, 'cmd-pain0001', ok);
    expect(latestInSlot(box, 'pain:r1:cmd-pain0001')?.state).toBe('sent');
    const restored = fromStored(JSON.parse(JSON.stringify(toStored(box))) as unknown);
    expect(restored).toHaveLength(1);
    expect(restored[0]).toMatchObject({ name: 'painpoint:submit', request: { text: 'Te veel vergaderingen' } });
  });

  it('PR2 retries lost identity, rate limits and a stopping server, but not a refusal', () => {
    expect(isRetryable(fail('NOT_JOINED').error)).toBe(true);
    expect(isRetryable(fail('RATE_LIMITED').error)).toBe(true);
    expect(isRetryable(fail('SERVER_STOPPING').error)).toBe(true);
    expect(isRetryable(fail('ROUND_NOT_OPEN').error)).toBe(false);
    expect(isRetryable(fail('INTERNAL').error)).toBe(false);
  });

  it('forgets old settled entries but never pending ones', () => {
    let box: OutboxEntry[] = enqueue([], vote('cmd-pending1', 'o1', 'r0'), 'vote:r0', true);
    for (let i = 0; i < 80; i++) {
      const id = `cmd-${String(i).padStart(8, '0')}`;
      box = enqueue(box, vote(id, 'o1', `r${i + 1}`), `vote:r${i + 1}`, true);
      box = settle(box, id, ok);
    }
    expect(box.length).toBeLessThanOrEqual(51);
    expect(nextPending(box)?.request.commandId).toBe('cmd-pending1');
  });

  describe('anonymous inputs: received, then stored (AN13, AN14)', () => {
    it('tells a received ack from a stored one; other acks are stored', () => {
      expect(isReceivedOnly(received())).toBe(true);
      expect(isReceivedOnly(stored())).toBe(false);
      expect(isReceivedOnly(ok)).toBe(false);
      expect(isReceivedOnly(fail('INTERNAL'))).toBe(false);
    });

    it('pending → received on an ack with stored: false, keeping the ack’s value', () => {
      let box = enqueue([], submit('cmd-pain0001', 'Te weinig tijd'), 'pain:r1:cmd-pain0001', false);
      box = settle(box, 'cmd-pain0001', received({ pointId: 'pt-000000001' }));
      const entry = latestInSlot(box, 'pain:r1:cmd-pain0001');
      expect(entry).toMatchObject({ state: 'received', error: null, value: { pointId: 'pt-000000001' } });
      expect(isUnsettled(entry!)).toBe(true);
      expect(nextPending(box)).toBeUndefined();
    });

    it('pending → sent on an ack with stored: true', () => {
      let box = enqueue([], vote('cmd-aaaaaaaa', 'o1'), 'vote:r1', true);
      box = settle(box, 'cmd-aaaaaaaa', stored({ roundId: 'round-0001' }));
      expect(stateOf(box, 'vote:r1')).toBe('sent');
      expect(toStored(box)).toBeNull();
    });

    it('received → sent when inputs:stored names it; other entries are left alone', () => {
      let box = enqueue([], vote('cmd-aaaaaaaa', 'o1', 'r1'), 'vote:r1', true);
      box = enqueue(box, vote('cmd-bbbbbbbb', 'o1', 'r2'), 'vote:r2', true);
      box = enqueue(box, vote('cmd-cccccccc', 'o1', 'r3'), 'vote:r3', true);
      box = settle(box, 'cmd-aaaaaaaa', received());
      box = settle(box, 'cmd-bbbbbbbb', received());
      box = markStored(box, ['cmd-aaaaaaaa', 'cmd-cccccccc', 'cmd-unknown1']);
      expect(stateOf(box, 'vote:r1')).toBe('sent');
      expect(stateOf(box, 'vote:r2')).toBe('received');
      // A pending command learns from its own ack, not from the event.
      expect(stateOf(box, 'vote:r3')).toBe('pending');
    });

    it('received → sent when a re-send is acked as stored, → received again when still waiting', () => {
      let box = enqueue([], submit('cmd-pain0001', 'Te weinig tijd'), 'pain:r1:cmd-pain0001', false);
      box = settle(box, 'cmd-pain0001', received({ pointId: 'pt-000000001' }));
      box = settle(box, 'cmd-pain0001', received({ pointId: 'pt-000000001' }));
      expect(stateOf(box, 'pain:r1:cmd-pain0001')).toBe('received');
      box = settle(box, 'cmd-pain0001', stored({ pointId: 'pt-000000001' }));
      expect(latestInSlot(box, 'pain:r1:cmd-pain0001')).toMatchObject({
        state: 'sent',
        value: { pointId: 'pt-000000001' },
      });
    });

    it('received → failed when a re-send is refused (the server lost it and cannot take it again)', () => {
      let box = enqueue([], submit('cmd-pain0001', 'Te weinig tijd'), 'pain:r1:cmd-pain0001', false);
      box = settle(box, 'cmd-pain0001', received({ pointId: 'pt-000000001' }));
      box = settle(box, 'cmd-pain0001', fail('ROUND_NOT_OPEN'));
      const entry = latestInSlot(box, 'pain:r1:cmd-pain0001');
      expect(entry).toMatchObject({ state: 'failed', error: { code: 'ROUND_NOT_OPEN' } });
      // It keeps the id of its first ack, so the phone can take its own entry off the list too.
      expect(entry?.value).toEqual({ pointId: 'pt-000000001', stored: false });
    });

    it('leaves a stored or failed entry alone when a late ack or event comes', () => {
      let box = enqueue([], vote('cmd-aaaaaaaa', 'o1'), 'vote:r1', true);
      box = settle(box, 'cmd-aaaaaaaa', received());
      box = markStored(box, ['cmd-aaaaaaaa']);
      box = settle(box, 'cmd-aaaaaaaa', received());
      expect(stateOf(box, 'vote:r1')).toBe('sent');
      box = enqueue(box, vote('cmd-bbbbbbbb', 'o2', 'r2'), 'vote:r2', true);
      box = settle(box, 'cmd-bbbbbbbb', fail('ROUND_LOCKED'));
      box = markStored(box, ['cmd-bbbbbbbb']);
      box = settle(box, 'cmd-bbbbbbbb', stored());
      expect(stateOf(box, 'vote:r2')).toBe('failed');
    });

    it('lets a newer vote supersede a received one, and ignores the old one’s stored event', () => {
      let box = enqueue([], vote('cmd-aaaaaaaa', 'o1'), 'vote:r1', true);
      box = settle(box, 'cmd-aaaaaaaa', received());
      box = enqueue(box, vote('cmd-bbbbbbbb', 'o2'), 'vote:r1', true);
      expect(box.map(commandIdOf)).toEqual(['cmd-bbbbbbbb']);
      box = markStored(box, ['cmd-aaaaaaaa']);
      expect(stateOf(box, 'vote:r1')).toBe('pending');
      box = settle(box, 'cmd-bbbbbbbb', received());
      expect(stateOf(box, 'vote:r1')).toBe('received');
    });

    it('keeps received entries of other slots, and without supersede, received ones of the same slot', () => {
      let box = enqueue([], paperVote('cmd-paper001'), 'paper:r1', false);
      box = settle(box, 'cmd-paper001', received({ roundId: 'r1' }));
      box = enqueue(box, paperVote('cmd-paper002'), 'paper:r1', false);
      expect(box.map((e) => [commandIdOf(e), e.state])).toEqual([
        ['cmd-paper001', 'received'],
        ['cmd-paper002', 'pending'],
      ]);
    });

    it('sends a received entry again only while it is due, in order with the pending ones', () => {
      let box = enqueue([], vote('cmd-aaaaaaaa', 'o1', 'r1'), 'vote:r1', true);
      box = enqueue(box, vote('cmd-bbbbbbbb', 'o1', 'r2'), 'vote:r2', true);
      box = settle(box, 'cmd-aaaaaaaa', received());
      expect(receivedIds(box)).toEqual(['cmd-aaaaaaaa']);
      // Not due (no identification since): only the pending one goes.
      expect(commandIdOf(nextToSend(box, [])!)).toBe('cmd-bbbbbbbb');
      // After an identification: the received one first, it is older.
      const due = receivedIds(box);
      expect(commandIdOf(nextToSend(box, due)!)).toBe('cmd-aaaaaaaa');
      // Sent once: no longer due.
      expect(commandIdOf(nextToSend(box, [])!)).toBe('cmd-bbbbbbbb');
      box = settle(box, 'cmd-bbbbbbbb', received());
      expect(nextToSend(box, [])).toBeUndefined();
    });

    it('stores received entries and restores them as received, with the same commandId and value', () => {
      let box = enqueue([], submit('cmd-pain0001', 'Te weinig tijd'), 'pain:r1:cmd-pain0001', false);
      box = enqueue(box, submit('cmd-pain0002', 'Te veel vergaderingen'), 'pain:r1:cmd-pain0002', false);
      box = enqueue(box, submit('cmd-pain0003', 'Geen koffie'), 'pain:r1:cmd-pain0003', false);
      box = settle(box, 'cmd-pain0001', received({ pointId: 'pt-000000001' }));
      box = settle(box, 'cmd-pain0003', received({ pointId: 'pt-000000003' }));
      box = markStored(box, ['cmd-pain0003']);
      const restored = fromStored(JSON.parse(JSON.stringify(toStored(box))) as unknown);
      expect(restored.map((e) => [commandIdOf(e), e.state])).toEqual([
        ['cmd-pain0001', 'received'],
        ['cmd-pain0002', 'pending'],
      ]);
      expect(restored[0]?.value).toEqual({ pointId: 'pt-000000001', stored: false });
      expect(restored[1]).not.toHaveProperty('value');
    });

    it('restores an entry stored in any other state as pending', () => {
      const base: OutboxEntry = { ...vote('cmd-aaaaaaaa', 'o1'), slot: 'vote:r1', state: 'pending', error: null };
      expect(fromStored([{ ...base, state: 'sent', value: { x: 1 } }])).toEqual([base]);
      expect(fromStored([{ ...base, state: 'nonsense' }])).toEqual([base]);
    });

    it('never forgets a received entry to make room', () => {
      let box: OutboxEntry[] = enqueue([], vote('cmd-waiting1', 'o1', 'r0'), 'vote:r0', true);
      box = settle(box, 'cmd-waiting1', received());
      for (let i = 0; i < 80; i++) {
        const id = `cmd-${String(i).padStart(8, '0')}`;
        box = enqueue(box, vote(id, 'o1', `r${i + 1}`), `vote:r${i + 1}`, true);
        box = settle(box, id, stored());
      }
      expect(box.length).toBeLessThanOrEqual(51);
      expect(receivedIds(box)).toEqual(['cmd-waiting1']);
    });
  });
});
