import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, Node, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ExportDocument } from '@vrijuit/protocol';
import { exportLabels } from './i18n/index.ts';
import { outline, type Block } from './outline.ts';
import { AUTHOR, exportMidnight } from './render-metadata.ts';
import { COLOURS, factsTable, resultTable } from './render-pdf-table.ts';

/*
 * The export as a PDF (pdfmake 0.3 in Node): A4, the outline's headings as bookmarks, tables whose
 * header row repeats on every page, chart bars drawn to scale, page numbers. The Roboto fonts shipped
 * with pdfmake are embedded by path: they cover Dutch, French and every character of the S6 corpus.
 */

const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto');
pdfmake.setFonts({
  Roboto: {
    normal: join(FONT_DIR, 'Roboto-Regular.ttf'),
    bold: join(FONT_DIR, 'Roboto-Medium.ttf'),
    italics: join(FONT_DIR, 'Roboto-Italic.ttf'),
    bolditalics: join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
  },
});
// The export never loads an image or a URL: nothing a participant typed can make the server fetch one.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONT_DIR));

/** A typed tab or carriage return has no glyph: a tab reads as a space, a lone CR as a line break. */
const clean = (text: string) => text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ');

/** Nests a flat list (items with a depth) the way pdfmake draws sublists: an item holding a list. */
function nest(items: readonly { text: string; depth: number }[], ordered: boolean, depth = 0): Content[] {
  const out: Content[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!item) continue;
    if (item.depth <= depth) {
      out.push({ text: clean(item.text), margin: [0, 0, 0, 2] });
      continue;
    }
    let end = i;
    while (end < items.length && (items[end]?.depth ?? 0) > depth) end++;
    const sub = nest(items.slice(i, end), ordered, depth + 1);
    out.push(ordered ? { ol: sub } : { ul: sub });
    i = end - 1;
  }
  return out;
}

/** The outline's blocks as pdfmake content; headings become bookmarks nested by level. */
function body(blocks: readonly Block[]): Content[] {
  const parents: (string | undefined)[] = [];
  let ids = 0;
  return blocks.map((block): Content => {
    switch (block.type) {
      case 'title':
        return { text: clean(block.text), style: 'title' };
      case 'heading': {
        const id = `h${++ids}`;
        parents[block.level] = id;
        parents.length = block.level + 1;
        const parent = parents.slice(0, block.level).findLast((p) => p !== undefined);
        return {
          text: clean(block.text),
          style: `h${block.level}`,
          headlineLevel: block.level,
          outline: true,
          id,
          ...(parent ? { outlineParentId: parent } : {}),
        };
      }
      case 'paragraph':
        return { text: clean(block.text), style: block.note ? 'note' : 'paragraph' };
      case 'quote':
        return { text: clean(block.text), style: 'quote' };
      case 'facts':
        return factsTable(block.rows.map(([label, value]) => [clean(label), clean(value)]));
      case 'table':
        return resultTable({
          ...block.table,
          head: block.table.head.map(clean),
          rows: block.table.rows.map((row) => row.map((cell) => ({ ...cell, text: clean(cell.text) }))),
        });
      case 'list':
        return block.ordered
          ? { ol: nest(block.items, true), style: 'list' }
          : { ul: nest(block.items, false), style: 'list' };
    }
  });
}

/** Nodes that do not keep a heading on its page: containers, header cells, the footer, headings. */
const minor = (node: Node) =>
  node.headlineLevel !== undefined ||
  node.table !== undefined ||
  node.ul !== undefined ||
  node.ol !== undefined ||
  (typeof node.style === 'string' && ['th', 'footer'].includes(node.style));

const heading = (fontSize: number, before: number, italics = false) => ({
  fontSize,
  bold: !italics,
  italics,
  color: COLOURS.heading,
  margin: [0, before, 0, 4] as [number, number, number, number],
});

export async function renderPdf(doc: ExportDocument): Promise<Uint8Array> {
  const labels = exportLabels(doc.session.language);
  const day = exportMidnight(doc);
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [57, 57, 57, 57],
    language: labels.locale,
    displayTitle: true,
    info: {
      title: doc.session.title,
      author: AUTHOR,
      creator: AUTHOR,
      producer: AUTHOR,
      // pdfkit would stamp the moment of export; the session's day is all a reader needs (A1).
      creationDate: day,
      modDate: day,
    },
    content: body(outline(doc, labels)),
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 20, bold: true, color: COLOURS.heading, margin: [0, 0, 0, 10] },
      h2: heading(15, 18),
      h3: heading(12, 12),
      h4: heading(11, 9),
      h5: heading(10, 8, true),
      h6: heading(10, 6, true),
      paragraph: { margin: [0, 0, 0, 6] },
      note: { fontSize: 8.5, color: COLOURS.note, margin: [0, 0, 0, 6] },
      quote: { italics: true, margin: [14, 0, 0, 6] },
      list: { margin: [6, 0, 0, 6] },
      th: { bold: true },
      footer: { fontSize: 8, color: COLOURS.note, alignment: 'center', margin: [0, 20, 0, 0] },
    },
    footer: (page: number, pages: number) => ({ text: `${page} / ${pages}`, style: 'footer' }),
    // A heading in the last sixth of a page, or with nothing of its own after it there (only a header
    // row that repeats overleaf anyway, the footer), moves to the next page. The position check
    // is needed because pdfmake reports a table row moved overleaf as still on this page.
    pageBreakBefore: (node, queries) =>
      node.headlineLevel !== undefined &&
      queries.getPreviousNodesOnPage().length > 0 &&
      (node.startPosition.verticalRatio > 0.83 || queries.getFollowingNodesOnPage().every(minor)),
  };
  return new Uint8Array(await pdfmake.createPdf(definition).getBuffer());
}
