import { describe, expect, it } from 'vitest';
import { textBlocks, type TextNode } from './text-nodes.ts';

const p = (text: string): TextNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const item = (...content: TextNode[]): TextNode => ({ type: 'listItem', content });

describe('textBlocks (EX6)', () => {
  it('keeps headings, paragraphs, quotes and nested lists as plain text, empty ones left out', () => {
    const doc: TextNode = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 9 }, content: [{ type: 'text', text: 'Kop' }] },
        { type: 'heading', content: [{ type: 'text', text: 'Zonder niveau' }] },
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'Een ' }, { type: 'hardBreak' }, { type: 'text', text: ' twee' }],
        },
        { type: 'paragraph' },
        { type: 'blockquote', content: [p('Citaat'), p('verder')] },
        {
          type: 'orderedList',
          content: [item(p('Eerst'), { type: 'bulletList', content: [item(p('Genest'))] }), item(p(' '))],
        },
        { type: 'bulletList', content: [item(p(''))] },
        { type: 'horizontalRule' },
      ],
    };
    expect(textBlocks(doc)).toEqual([
      { type: 'heading', level: 6, text: 'Kop' },
      { type: 'heading', level: 1, text: 'Zonder niveau' },
      { type: 'paragraph', text: 'Een twee' },
      { type: 'quote', text: 'Citaat verder' },
      {
        type: 'list',
        ordered: true,
        items: [
          { text: 'Eerst', depth: 0 },
          { text: 'Genest', depth: 1 },
        ],
      },
    ]);
  });

  it('gives nothing for a missing or empty text', () => {
    expect(textBlocks(undefined)).toEqual([]);
    expect(textBlocks({ type: 'doc', content: [p('   ')] })).toEqual([]);
  });
});
