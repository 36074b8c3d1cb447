import { describe, expect, it } from 'vitest';
import {
  commandIdOf,
  enqueue,
  fromStored,
  hasPending,
  isRetryable,
  latestInSlot,
  nextPending,
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
const fail = (code: 'ROUND_NOT_OPEN' | 'RATE_LIMITED' | 'NOT_JOINED' | 'INTERNAL') => ({
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
    const submit = (commandId: string, text: string): OutboxCommand => ({
      name: 'painpoint:submit',
      request: { commandId, roundId: 'r1', text, themeId: null },
    });
    let box = enqueue([], submit('cmd-pain0001', 'Te weinig tijd'), 'pain:r1:cmd-pain0001', false);
    box = enqueue(box, submit('cmd-pain0002', 'Te veel vergaderingen'), 'pain:r1:cmd-pain0002', false);
    box = settle(box, 'cmd-pain0001', ok);
    expect(latestInSlot(box, 'pain:r1:cmd-pain0001')?.state).toBe('sent');
    const restored = fromStored(JSON.parse(JSON.stringify(toStored(box))) as unknown);
    expect(restored).toHaveLength(1);
    expect(restored[0]).toMatchObject({ name: 'painpoint:submit', request: { text: 'Te veel vergaderingen' } });
  });

  it('retries lost identity and rate limits, but not a refusal', () => {
    expect(isRetryable(fail('NOT_JOINED').error)).toBe(true);
    expect(isRetryable(fail('RATE_LIMITED').error)).toBe(true);
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
});
