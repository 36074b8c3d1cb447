import { describe, expect, it } from 'vitest';
import { LIMITS } from '@vrijuit/protocol/constants';
import {
  buildConfig,
  checkOptions,
  defaultReveal,
  defaultSettings,
  durationSeconds,
  hasNoOptions,
  optionsAreThemes,
} from './round-settings.ts';

const base = defaultSettings('ja\nneutraal\nnee');

describe('round settings', () => {
  it('builds the config of each kind', () => {
    expect(buildConfig(base, 4).config).toEqual({ kind: 'single-choice' });
    expect(buildConfig({ ...base, kind: 'multiple-choice' }, 4).config).toEqual({
      kind: 'multiple-choice',
      min: 1,
      max: 3,
    });
    expect(buildConfig({ ...base, kind: 'dot-voting' }, 4).config).toEqual({
      kind: 'dot-voting',
      budget: 5,
      maxPerOption: 3,
    });
    expect(buildConfig({ ...base, kind: 'scale' }, 4).config).toEqual({
      kind: 'scale',
      labels: ['ja', 'neutraal', 'nee'],
    });
    expect(buildConfig({ ...base, kind: 'agreement', preset: 'fist-of-five' }, 4).config).toEqual({
      kind: 'agreement',
      preset: 'fist-of-five',
    });
  });

  it('refuses settings the server would refuse', () => {
    expect(buildConfig({ ...base, kind: 'multiple-choice', max: 5 }, 4).problem).toEqual({
      code: 'min-max',
      options: 4,
    });
    expect(buildConfig({ ...base, kind: 'multiple-choice', min: 3, max: 2 }, 4).problem?.code).toBe('min-max');
    expect(buildConfig({ ...base, kind: 'multiple-choice', min: null }, 4).problem?.code).toBe('min-max');
    expect(buildConfig({ ...base, kind: 'dot-voting', budget: 0 }, 4).problem?.code).toBe('budget');
    expect(buildConfig({ ...base, kind: 'dot-voting', maxPerOption: 6 }, 4).problem?.code).toBe('max-per-option');
    expect(buildConfig({ ...base, kind: 'scale', scaleLabels: 'ja' }, 4).problem?.code).toBe('scale-count');
    expect(buildConfig({ ...base, kind: 'scale', scaleLabels: 'ja\nJa' }, 4).problem?.code).toBe('scale-duplicate');
  });

  it('turns timer minutes into seconds', () => {
    expect(durationSeconds(null)).toBeNull();
    expect(durationSeconds(2)).toBe(120);
    expect(durationSeconds(0.5)).toBe(30);
    expect(durationSeconds(0)).toBe('invalid');
    expect(durationSeconds(100_000)).toBe('invalid');
  });

  it('builds a pain-point round: entries per participant (default 3) and pre-moderation', () => {
    expect(buildConfig({ ...base, kind: 'pain-points' }, 0).config).toEqual({
      kind: 'pain-points',
      perParticipant: 3,
      premoderation: false,
    });
    expect(buildConfig({ ...base, kind: 'pain-points', perParticipant: 20, premoderation: true }, 8).config).toEqual({
      kind: 'pain-points',
      perParticipant: 20,
      premoderation: true,
    });
    for (const perParticipant of [0, 21, 2.5, null]) {
      expect(buildConfig({ ...base, kind: 'pain-points', perParticipant }, 0).problem).toEqual({
        code: 'per-participant',
        max: LIMITS.painPointsPerParticipant,
      });
    }
  });

  it('lets a pain-point round have no themes, a scale or agreement check one statement (RO1), but a choice needs two options', () => {
    expect(optionsAreThemes('pain-points')).toBe(true);
    expect(optionsAreThemes('single-choice')).toBe(false);
    expect(checkOptions('pain-points', [])).toBeNull();
    expect(checkOptions('pain-points', ['Wonen'])).toBeNull();
    expect(checkOptions('single-choice', ['Wonen'])).toEqual({ code: 'too-few', min: 2 });
    expect(checkOptions('agreement', ['a', 'b'])).toBeNull();
    expect(checkOptions('agreement', ['Akkoord met dit voorstel?'])).toBeNull();
    expect(checkOptions('scale', ['Kon je vrijuit spreken?'])).toBeNull();
    expect(checkOptions('agreement', [])).toEqual({ code: 'too-few', min: 1 });
    expect(checkOptions('ranking', ['a'])).toEqual({ code: 'too-few', min: 2 });
    expect(checkOptions('pain-points', ['Wonen', 'wonen'])).toEqual({ code: 'duplicate', option: 'wonen' });
    expect(checkOptions('pain-points', ['x'.repeat(LIMITS.optionLabel + 1)])?.code).toBe('too-long');
    expect(
      checkOptions(
        'pain-points',
        Array.from({ length: LIMITS.options + 1 }, (_, i) => `t${i}`),
      ),
    ).toEqual({
      code: 'too-many',
      max: LIMITS.options,
    });
  });

  it('shows a pain-point wall live by default and keeps vote results hidden', () => {
    expect(defaultReveal('pain-points')).toBe('live');
    expect(defaultReveal('ranking')).toBe('manual');
  });

  it('builds a position-text round with or without zone drafts, with no options to check', () => {
    expect(buildConfig({ ...base, kind: 'position-text' }, 0).config).toEqual({
      kind: 'position-text',
      zoneDrafts: false,
    });
    expect(buildConfig({ ...base, kind: 'position-text', zoneDrafts: true }, 0).config).toEqual({
      kind: 'position-text',
      zoneDrafts: true,
    });
    expect(hasNoOptions('position-text')).toBe(true);
    expect(hasNoOptions('pain-points')).toBe(false);
    expect(checkOptions('position-text', [])).toBeNull();
    // Vote rounds still need two options.
    expect(checkOptions('single-choice', ['a'])).toEqual({ code: 'too-few', min: 2 });
  });
});
