import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@vrijuit/protocol';
import { catalogues, errorText, format, locale, t, translate } from './index.ts';
import { nl } from './nl.ts';

describe('i18n', () => {
  it('has a Dutch message for every protocol error code', () => {
    for (const code of ErrorCode.options) {
      expect(nl.errors[code]).toBeTruthy();
      expect(errorText(code)).toBe(nl.errors[code]);
    }
  });

  it('fills parameters and leaves unknown ones visible', () => {
    expect(format('Stemming {n} van {total}', { n: 2 })).toBe('Stemming 2 van {total}');
    expect(t('console.roundNumber', { n: 3 })).toBe('Stemming 3');
  });

  it('falls back to Dutch for keys a catalogue does not have yet', () => {
    expect(translate('en', 'connection.online')).toBe('Connected');
    expect(translate('en', 'phone.waitingTitle')).toBe(nl.phone.waitingTitle);
    expect(Object.keys(catalogues)).toContain(locale);
  });

  it('declares the chosen locale in app.html', () => {
    const html = readFileSync(new URL('../../app.html', import.meta.url), 'utf8');
    expect(html).toContain(`<html lang="${locale}">`);
  });
});
