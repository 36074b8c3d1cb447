import { describe, expect, it } from 'vitest';
import { exportFileName, slug } from './file-name.ts';

describe('exportFileName', () => {
  it('is the title as an ASCII slug with the date', () => {
    expect(exportFileName({ title: 'Toekomst welzijnszorg Kempen — sessie 2', date: '2026-11-24' }, 'md')).toBe(
      'toekomst-welzijnszorg-kempen-sessie-2-2026-11-24.md',
    );
  });

  it('drops accents and keeps only letters and digits', () => {
    expect(slug('Café Élan: één/twee\\drie "vier" <vijf>?*|')).toBe('cafe-elan-een-twee-drie-vier-vijf');
    expect(slug('Ærø ﬁnale ①')).toMatch(/^[a-z0-9-]+$/);
  });

  it('falls back to vrijuit-export when the title has no letters or digits', () => {
    expect(exportFileName({ title: '<script>', date: null }, 'json')).toBe('script.json');
    expect(exportFileName({ title: '—  ?!', date: null }, 'json')).toBe('vrijuit-export.json');
    expect(exportFileName({ title: '', date: '2026-01-02' }, 'zip')).toBe('vrijuit-export-2026-01-02.zip');
  });

  it('never gives a name Windows reserves', () => {
    expect(exportFileName({ title: 'CON', date: null }, 'md')).toBe('vrijuit-con.md');
    expect(exportFileName({ title: 'nul', date: null }, 'pdf')).toBe('vrijuit-nul.pdf');
  });

  it('cuts a long title at a word boundary', () => {
    const name = slug('woord '.repeat(40));
    expect(name.length).toBeLessThanOrEqual(60);
    expect(name).toMatch(/^(woord-)*woord$/);
  });
});
