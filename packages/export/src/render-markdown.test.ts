import { exportDocument } from '@vrijuit/core';
import { fixtureInput, fixtureSession } from '@vrijuit/core/export-fixture';
import { describe, expect, it } from 'vitest';
import { exportLabels } from './i18n/index.ts';
import { outline, type Block } from './outline.ts';
import { escapeInline, renderMarkdown, textBar } from './render-markdown.ts';
import { FORMULAS, HOSTILE_WORDS, LIVE_MARKUP, XSS } from './testing/hostile-words.ts';

const md = (...blocks: Block[]) => renderMarkdown(blocks);

/** Undoes the escaping: what a CommonMark renderer would show as text. */
const shown = (markdown: string) =>
  markdown.replace(/\\(.)/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('renderMarkdown', () => {
  it('renders headings, facts, notes, quotes and lists', () => {
    expect(
      md(
        { type: 'title', text: 'Sessie' },
        { type: 'facts', rows: [['Datum', '24 november 2026']] },
        { type: 'heading', level: 3, text: 'Kop' },
        { type: 'paragraph', note: true, text: 'Klein' },
        { type: 'quote', text: 'een\ntwee' },
        {
          type: 'list',
          ordered: true,
          items: [
            { text: 'a', depth: 0 },
            { text: 'b', depth: 1 },
            { text: 'c', depth: 1 },
            { text: 'd', depth: 0 },
          ],
        },
      ),
    ).toBe(
      '# Sessie\n\n- **Datum:** 24 november 2026\n\n### Kop\n\n_Klein_\n\n> een\\\n> twee\n\n' +
        '1. a\n    1. b\n    2. c\n2. d\n',
    );
  });

  it('renders tables with right-aligned figures and bars of blocks', () => {
    const table: Block = {
      type: 'table',
      table: {
        head: ['Keuze', 'Stemmen', 'Grafiek'],
        rows: [
          [{ text: 'Ja | nee\nmisschien' }, { text: '2' }, { text: '', bar: 1 }],
          [{ text: 'Nee' }, { text: '1' }, { text: '', bar: 0.44 }],
        ],
        numeric: [false, true, false],
      },
    };
    expect(md(table)).toBe(
      '| Keuze | Stemmen | Grafiek |\n| --- | ---: | --- |\n' +
        '| Ja \\| nee misschien | 2 | ██████████ |\n| Nee | 1 | ████░░░░░░ |\n',
    );
    expect(textBar(0)).toBe('░'.repeat(10));
    expect(textBar(2)).toBe('█'.repeat(10));
  });

  it('never lets a list jump more than one level (a jump would become a code block)', () => {
    expect(
      md({
        type: 'list',
        ordered: false,
        items: [
          { text: 'a', depth: 3 },
          { text: 'b', depth: 5 },
        ],
      }),
    ).toBe('- a\n    - b\n');
  });

  it('escapes markup, HTML and entities in running text', () => {
    expect(escapeInline('<b>&amp; & *x* _y_ `z` ~~s~~ [a](b) | #')).toBe(
      '&lt;b&gt;&amp;amp; & \\*x\\* \\_y\\_ \\`z\\` \\~\\~s\\~\\~ \\[a\\]\\(b) \\| \\#',
    );
    expect(escapeInline('a\\b')).toBe('a\\\\b');
    expect(escapeInline('zie https://x.example of WWW.x.example')).toBe('zie https\\://x.example of WWW\\.x.example');
  });

  it('escapes what would open a block at the start of a line', () => {
    const cases: [string, string][] = [
      ['- item', '\\- item'],
      ['+ item', '\\+ item'],
      ['* item', '\\* item'],
      ['1. item', '1\\. item'],
      ['2026) item', '2026\\) item'],
      ['# kop', '\\# kop'],
      ['> citaat', '&gt; citaat'],
      ['===', '\\==='],
      ['---', '\\---'],
      ['```js', '\\`\\`\\`js'],
      ['    code', 'code'],
      ['\tcode', 'code'],
    ];
    for (const [text, escaped] of cases) expect(md({ type: 'paragraph', text })).toBe(`${escaped}\n`);
    expect(md({ type: 'paragraph', text: 'a\n- b\r\n\r\n1. c' })).toBe('a\\\n\\- b\\\n1\\. c\n');
    expect(md({ type: 'list', ordered: false, items: [{ text: '- b', depth: 0 }] })).toBe('- \\- b\n');
  });

  it('keeps every hostile text inert but readable (S6)', () => {
    const doc = exportDocument(fixtureSession(HOSTILE_WORDS), fixtureInput(HOSTILE_WORDS));
    const out = renderMarkdown(outline(doc, exportLabels(doc.session.language)));
    for (const pattern of LIVE_MARKUP) expect(out).not.toMatch(pattern);
    // No raw HTML at all, no link or image syntax, no live table pipe from the corpus.
    expect(out).not.toMatch(/<[a-z/!?]/i);
    expect(out).not.toMatch(/(?<!\\)\]\(/);
    expect(out).toContain('&lt;script&gt;alert("xss-script")&lt;/script&gt;');
    expect(out).toContain('\\[klik hier\\]\\(javascript:alert("xss-link"))');
    expect(out).toContain('&lt;javascript:alert("xss-autolink")&gt;');
    expect(out).toContain('\\]\\]&gt;&lt;w:p/&gt;&lt;?xml version="1.0"?&gt;&amp;amp;&amp;lt;');
    // Escaping loses nothing: each text reads back as typed (line breaks as spaces).
    const text = shown(out);
    for (const value of [...Object.values(XSS), ...Object.values(FORMULAS).map((f) => f.trim())])
      expect(text).toContain(value);
    expect(text).toContain('[klik hier](javascript:alert("xss-link")) nieuwe regel');
  });
});
