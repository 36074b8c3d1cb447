import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  base64ToBytes,
  nextVersionNumber,
  onlySelf,
  otherWriters,
  sameWriters,
  textConnection,
  WRITER_COLORS,
  writerColor,
  yjsServerUrl,
} from './collab.ts';

describe('yjsServerUrl', () => {
  it('uses ws on http and wss on https, on the same host', () => {
    expect(yjsServerUrl({ protocol: 'http:', host: '127.0.0.1:3161' })).toBe('ws://127.0.0.1:3161/yjs');
    expect(yjsServerUrl({ protocol: 'https:', host: 'vrijuit.be' })).toBe('wss://vrijuit.be/yjs');
  });
});

describe('textConnection', () => {
  it('says connecting before the first connection and reconnecting after a drop', () => {
    expect(textConnection({ status: 'connecting', synced: false, everConnected: false })).toBe('connecting');
    expect(textConnection({ status: 'disconnected', synced: false, everConnected: false })).toBe('connecting');
    expect(textConnection({ status: 'disconnected', synced: true, everConnected: true })).toBe('reconnecting');
    expect(textConnection({ status: 'connecting', synced: false, everConnected: true })).toBe('reconnecting');
  });

  it('TX4 says why when the server closed the text for good: too large, or stopped', () => {
    const closed = { status: 'disconnected', synced: false, everConnected: true } as const;
    expect(textConnection({ ...closed, closedWith: 4413 })).toBe('tooLarge');
    expect(textConnection({ ...closed, closedWith: 4429 })).toBe('stopped');
    expect(textConnection({ ...closed, closedWith: 4401 })).toBe('stopped');
    expect(textConnection({ ...closed, closedWith: null })).toBe('reconnecting');
  });

  it('says saved only once connected and synced', () => {
    expect(textConnection({ status: 'connected', synced: false, everConnected: true })).toBe('connected');
    expect(textConnection({ status: 'connected', synced: true, everConnected: true })).toBe('saved');
  });
});

describe('otherWriters', () => {
  it('leaves out this client and readers without a user, names the nameless "deelnemer", in client order', () => {
    const states = new Map<number, Record<string, unknown>>([
      [30, { user: { name: 'An', color: '#111111' } }],
      [10, { user: { name: '  ', color: '#222222' } }],
      [20, { user: { name: 'Me', color: '#333333' } }],
      [40, {}],
      [50, { user: 'broken' }],
    ]);
    expect(otherWriters(states, 20, 'deelnemer')).toEqual([
      { name: 'deelnemer', color: '#222222' },
      { name: 'An', color: '#111111' },
    ]);
  });

  it('gives a writer without a colour the first one', () => {
    const states = new Map<number, Record<string, unknown>>([[1, { user: { name: 'Bo' } }]]);
    expect(otherWriters(states, 2, 'deelnemer')).toEqual([{ name: 'Bo', color: WRITER_COLORS[0] }]);
  });
});

describe('writerColor', () => {
  it('is stable per client id and one of the palette', () => {
    expect(writerColor(12345)).toBe(writerColor(12345));
    expect(WRITER_COLORS).toContain(writerColor(987654321));
  });
});

describe('base64ToBytes', () => {
  it('decodes a Yjs update that applies to a fresh document', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'Vrijuit é');
    const update = Y.encodeStateAsUpdate(doc);
    const base64 = btoa(String.fromCharCode(...update));
    expect(base64ToBytes(base64)).toEqual(update);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, base64ToBytes(base64));
    expect(copy.getText('t').toString()).toBe('Vrijuit é');
  });
});

describe('nextVersionNumber', () => {
  it('numbers after the highest version of the round', () => {
    expect(nextVersionNumber(null)).toBe(1);
    expect(nextVersionNumber([])).toBe(1);
    expect(nextVersionNumber([{ number: 1 }, { number: 3 }, { number: 2 }])).toBe(4);
  });
});

describe('own awareness changes', () => {
  it("PH1 tells a change of only this client (its own caret, which may come while Svelte updates the page) from others'", () => {
    expect(onlySelf({ added: [], updated: [7], removed: [] }, 7)).toBe(true);
    expect(onlySelf({ added: [], updated: [], removed: [] }, 7)).toBe(true);
    expect(onlySelf({ added: [8], updated: [7], removed: [] }, 7)).toBe(false);
    expect(onlySelf({ added: [], updated: [], removed: [9] }, 7)).toBe(false);
  });

  it('PH1 a moved caret changes no writer: the list stays the same', () => {
    const an = { name: 'An', color: WRITER_COLORS[0]! };
    const bart = { name: 'Bart', color: WRITER_COLORS[1]! };
    expect(sameWriters([an, bart], [{ ...an }, { ...bart }])).toBe(true);
    expect(sameWriters([an], [an, bart])).toBe(false);
    expect(sameWriters([an], [{ ...an, name: 'Anna' }])).toBe(false);
  });
});
