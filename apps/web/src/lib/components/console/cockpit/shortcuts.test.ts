import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyPress } from './shortcuts.ts';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  target: null,
  ...more,
});

describe('CK3 cockpit shortcuts', () => {
  it('maps the presenter keys, either case', () => {
    expect(shortcutFor(press('n'))).toBe('next');
    expect(shortcutFor(press('N'))).toBe('next');
    expect(shortcutFor(press('ArrowRight'))).toBe('next');
    expect(shortcutFor(press('PageDown'))).toBe('next');
    expect(shortcutFor(press('r'))).toBe('reveal');
    expect(shortcutFor(press('t'))).toBe('timer');
    expect(shortcutFor(press('l'))).toBe('lock');
    expect(shortcutFor(press('o'))).toBe('open');
    expect(shortcutFor(press('?'))).toBe('help');
    expect(shortcutFor(press('x'))).toBeNull();
    expect(shortcutFor(press('ArrowLeft'))).toBeNull();
  });

  it('ignores a key with a modifier, held down, or already handled', () => {
    expect(shortcutFor(press('r', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('n', { metaKey: true }))).toBeNull();
    expect(shortcutFor(press('t', { altKey: true }))).toBeNull();
    expect(shortcutFor(press('n', { repeat: true }))).toBeNull();
    expect(shortcutFor(press('n', { defaultPrevented: true }))).toBeNull();
  });
});
