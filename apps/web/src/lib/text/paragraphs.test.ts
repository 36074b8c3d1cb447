import type { FacilitatorRound } from '@vrijuit/protocol';
import { describe, expect, it } from 'vitest';
import { agreementStatements, paragraphResults, paragraphTexts, shortenLabel } from './paragraphs.ts';

const p = (text?: string) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : undefined });

describe('paragraphTexts', () => {
  it('lists paragraphs, headings and list items, non-empty, in order', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Neteland' }] },
        p('Wij willen een organisatie die luistert.'),
        p(),
        p('   '),
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Elke gemeente ' },
            { type: 'text', text: 'telt', marks: [{ type: 'bold' }] },
            { type: 'hardBreak' },
            { type: 'text', text: 'even zwaar.' },
          ],
        },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [p('Eerste punt')] },
            {
              type: 'listItem',
              content: [
                p('Tweede punt'),
                { type: 'orderedList', content: [{ type: 'listItem', content: [p('Genest')] }] },
              ],
            },
            { type: 'listItem', content: [p()] },
          ],
        },
      ],
    };
    expect(paragraphTexts(doc)).toEqual([
      'Neteland',
      'Wij willen een organisatie die luistert.',
      'Elke gemeente telt even zwaar.',
      'Eerste punt',
      'Tweede punt',
      'Genest',
    ]);
  });

  it('has nothing for an empty document', () => {
    expect(paragraphTexts({ type: 'doc' })).toEqual([]);
    expect(paragraphTexts({ type: 'doc', content: [p()] })).toEqual([]);
  });
});

describe('shortenLabel', () => {
  it('keeps a short text, tidied', () => {
    expect(shortenLabel('  Kort   en goed. ')).toBe('Kort en goed.');
    expect(shortenLabel('x'.repeat(120))).toBe('x'.repeat(120));
  });

  it('cuts a long text to 120 characters ending in "…"', () => {
    const short = shortenLabel('a'.repeat(200));
    expect(short).toHaveLength(120);
    expect(short.endsWith('…')).toBe(true);
    expect(shortenLabel(`${'a'.repeat(118)} bcd`)).toBe(`${'a'.repeat(118)}…`);
    expect(shortenLabel('abcdef', 4)).toBe('abc…');
  });
});

describe('agreementStatements', () => {
  it('shortens, skips empty and repeated paragraphs, keeps at most 30', () => {
    expect(agreementStatements(['Een', '', '  ', 'Een', 'Twee'])).toEqual(['Een', 'Twee']);
    const many = Array.from({ length: 40 }, (_, i) => `Alinea ${i + 1}`);
    expect(agreementStatements(many)).toHaveLength(30);
    expect(agreementStatements(['b'.repeat(300)])[0]).toHaveLength(120);
  });
});

describe('paragraphResults', () => {
  const round = (id: string, kind: string, options: string[], matrix: Record<string, number[]> | null) =>
    ({
      id,
      config: kind === 'agreement' ? { kind, preset: 'gradients' } : { kind },
      options: options.map((label, i) => ({ id: `o${i}`, label })),
      results: matrix ? { respondents: 3, perPerson: { values: {}, matrix } } : null,
    }) as unknown as FacilitatorRound;
  const long = 'c'.repeat(150);

  it("gives each paragraph the latest agreement round's result for its statement", () => {
    const rounds = [
      round('r1', 'agreement', ['Een', shortenLabel(long)], {
        o0: [1, 0, 0, 0, 0, 0, 0, 0],
        o1: [0, 0, 2, 0, 0, 0, 0, 1],
      }),
      round('r2', 'single-choice', ['Een', 'Twee'], { o0: [5], o1: [3] }),
      round('r3', 'agreement', ['Twee', 'Een'], { o0: [0, 1], o1: [2, 0, 0, 0, 0, 0, 0, 1] }),
      round('r4', 'agreement', ['Een', 'Twee'], null),
    ];
    expect(paragraphResults(['Een', 'Twee', long, 'Drie'], rounds)).toEqual([
      { roundId: 'r3', counts: [2, 0, 0, 0, 0, 0, 0, 1], respondents: 3 },
      { roundId: 'r3', counts: [0, 1, 0, 0, 0, 0, 0, 0], respondents: 1 },
      { roundId: 'r1', counts: [0, 0, 2, 0, 0, 0, 0, 1], respondents: 3 },
      null,
    ]);
  });

  it('has a zero row for a statement nobody answered yet', () => {
    expect(paragraphResults(['Een'], [round('r1', 'agreement', ['Een'], {})])).toEqual([
      { roundId: 'r1', counts: [0, 0, 0, 0, 0, 0, 0, 0], respondents: 0 },
    ]);
  });
});
