import { describe, expect, it } from 'vitest';
import { levelLabels, mostCommonLevel } from './level-labels.ts';

describe('level labels', () => {
  it('names every level of each preset, and a scale by its own labels', () => {
    const gradients = levelLabels({ kind: 'agreement', preset: 'gradients' });
    expect(gradients).toHaveLength(8);
    expect(gradients[0]).toBe('Volmondig akkoord');
    expect(gradients[7]).toMatch(/^Veto/);
    const fist = levelLabels({ kind: 'agreement', preset: 'fist-of-five' });
    expect(fist).toHaveLength(6);
    expect(fist[5]).toMatch(/^Vuist/);
    expect(levelLabels({ kind: 'scale', labels: ['Ja', 'Nee'] })).toEqual(['Ja', 'Nee']);
    expect(levelLabels({ kind: 'ranking' })).toEqual([]);
  });

  it('finds the most common level, and no single one on a tie (TA10)', () => {
    expect(mostCommonLevel([0, 2, 3, 1])).toBe(2);
    expect(mostCommonLevel([1, 1, 1, 1, 1])).toBe('tie');
    expect(mostCommonLevel([0, 0])).toBeNull();
    expect(mostCommonLevel(undefined)).toBeNull();
  });
});
