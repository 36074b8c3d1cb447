import { describe, expect, it } from 'vitest';
import { parseZonesText } from './zones-text.ts';

describe('zones text', () => {
  it('reads zones with and without municipalities', () => {
    const { zones, problem } = parseZonesText('Baldemore: Balen, Dessel, Mol\n\nRIT\n', false);
    expect(problem).toBeNull();
    expect(zones).toEqual([
      { name: 'Baldemore', municipalities: [{ name: 'Balen' }, { name: 'Dessel' }, { name: 'Mol' }] },
      'RIT',
    ]);
  });

  it('reads weights with thousands separators only when the tally is weighted', () => {
    const text = 'Neteland: Herentals (28 500), Olen (12.900)';
    expect(parseZonesText(text, true).zones).toEqual([
      {
        name: 'Neteland',
        municipalities: [
          { name: 'Herentals', weight: 28500 },
          { name: 'Olen', weight: 12900 },
        ],
      },
    ]);
    expect(parseZonesText(text, false).zones).toEqual([
      { name: 'Neteland', municipalities: [{ name: 'Herentals' }, { name: 'Olen' }] },
    ]);
  });

  it('names what is wrong', () => {
    expect(parseZonesText('  \n', false).problem).toEqual({ code: 'no-zones' });
    expect(parseZonesText('RIT\nrit', false).problem).toEqual({ code: 'duplicate-zone', zone: 'rit' });
    expect(parseZonesText('A: Mol\nB: mol', false).problem).toEqual({
      code: 'duplicate-municipality',
      municipality: 'mol',
    });
    expect(parseZonesText('A: Mol (veel)', false).problem).toEqual({ code: 'bad-weight', municipality: 'Mol (veel)' });
    expect(parseZonesText('A: Mol (0)', false).problem?.code).toBe('bad-weight');
    expect(parseZonesText('A: Mol (100), Geel', true).problem).toEqual({
      code: 'missing-weight',
      municipality: 'Geel',
    });
    expect(parseZonesText(`${'x'.repeat(81)}`, false).problem?.code).toBe('zone-too-long');
    expect(parseZonesText(Array.from({ length: 31 }, (_, i) => `Z${i}`).join('\n'), false).problem?.code).toBe(
      'too-many-zones',
    );
  });
});
