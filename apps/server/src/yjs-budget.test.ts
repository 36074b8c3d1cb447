import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { YJS_CLOSE, YJS_LIMITS } from '@vrijuit/protocol';
import { ConnectionBudget, DocumentSizes, readFrame } from './yjs-budget.ts';

const update = (() => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'hallo');
  return Y.encodeStateAsUpdate(doc);
})();
const frame = (...head: number[]) => Buffer.from([...head, update.length, ...update]);

describe('TX4 frames as the Yjs server reads them', () => {
  it('TX4 an update is an update in any encoding of its type and step', () => {
    const expected = { kind: 'update', bytes: update.length };
    expect(readFrame(frame(0, 2))).toEqual(expected);
    expect(readFrame(frame(0, 1))).toEqual(expected);
    expect(readFrame(frame(0x80, 0x00, 0x82, 0x00))).toEqual(expected);
    expect(readFrame(frame(0x80, 0x80, 0x00, 0x81, 0x00))).toEqual(expected);
    expect(readFrame(Buffer.from([0, 0, 1, 0]))).toEqual({ kind: 'sync-step-1' });
    expect(readFrame(Buffer.from([1, 2, 7, 7]))).toEqual({ kind: 'awareness', bytes: 2 });
    expect(readFrame(Buffer.from([3]))).toEqual({ kind: 'other' });
  });

  it('TX4 a length past the frame, or past 53 bits, is malformed, also inside a larger buffer', () => {
    expect(readFrame(Buffer.from([0, 2, 50, 1, 2]))).toEqual({ kind: 'malformed' });
    expect(readFrame(Buffer.from([0, 2, ...Array<number>(10).fill(0xff)]))).toEqual({ kind: 'malformed' });
    const pool = Buffer.alloc(64, 7);
    pool.set([1, 40, 1], 0);
    expect(readFrame(pool.subarray(0, 3))).toEqual({ kind: 'malformed' });
    expect(readFrame(Buffer.from([]))).toEqual({ kind: 'malformed' });
  });
});

describe('TX4 a connection’s budgets', () => {
  it('TX4 messages: the burst passes, the next closes; a second later the steady rate passes again', () => {
    let now = 0;
    const budget = new ConnectionBudget(() => now);
    const other = { kind: 'other' } as const;
    for (let i = 0; i < YJS_LIMITS.messagesBurst; i++) expect(budget.admit(1, other)).toBe('pass');
    expect(budget.admit(1, other)).toEqual({ close: YJS_CLOSE.tooFast, reason: 'too many messages or bytes' });
    now += 1000;
    for (let i = 0; i < YJS_LIMITS.messagesPerSecond; i++) expect(budget.admit(1, other)).toBe('pass');
    expect(budget.admit(1, other)).not.toBe('pass');
  });

  it('TX4 bytes: one largest frame passes, the next byte does not', () => {
    const budget = new ConnectionBudget(() => 0);
    expect(budget.admit(YJS_LIMITS.bytesBurst, { kind: 'other' })).toBe('pass');
    expect(budget.admit(1, { kind: 'other' })).toEqual({
      close: YJS_CLOSE.tooFast,
      reason: 'too many messages or bytes',
    });
  });

  it('TX4 awareness: above its rate dropped (the connection stays), above its size closed', () => {
    const budget = new ConnectionBudget(() => 0);
    const cursor = { kind: 'awareness', bytes: 200 } as const;
    for (let i = 0; i < YJS_LIMITS.awarenessBurst; i++) expect(budget.admit(200, cursor)).toBe('pass');
    expect(budget.admit(200, cursor)).toBe('drop');
    expect(budget.admit(200, { kind: 'sync-step-1' })).toBe('pass');
    expect(budget.admit(9000, { kind: 'awareness', bytes: YJS_LIMITS.awarenessMaxBytes + 1 })).toEqual({
      close: YJS_CLOSE.tooLarge,
      reason: 'awareness too large',
    });
  });
});

describe('TX4 the maximum size of a text', () => {
  it('TX4 updates fit until the measured text would pass the maximum; nothing counted for a refused one', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x'.repeat(500));
    const size = Y.encodeStateAsUpdate(doc).length;
    const sizes = new DocumentSizes(size + 200);
    expect(sizes.take(doc, 100)).toBe(true);
    // The estimate (size + 100 + margin) would pass with 100 more; measured again, the text is still
    // `size` (nothing was applied), so it fits.
    expect(sizes.take(doc, 100)).toBe(true);
    expect(sizes.take(doc, 500)).toBe(false);
    expect(sizes.take(doc, 100)).toBe(true);
  });
});
