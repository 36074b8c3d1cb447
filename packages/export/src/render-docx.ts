import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type ILevelsOptions,
  type IStylesOptions,
  type Table,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { ExportDocument } from '@vrijuit/protocol';
import { exportLabels } from './i18n/index.ts';
import { outline, type Block } from './outline.ts';
import { AUTHOR, exportDay } from './render-metadata.ts';
import { COLOURS, factsTable, resultTable } from './render-docx-table.ts';

/*
 * The export as a Word document (docx 9.7): built-in Heading styles (the navigation pane and a table of
 * contents work), real tables and lists, A4 with page numbers. Opens in Word and LibreOffice.
 */

const HEADINGS = {
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4,
  5: HeadingLevel.HEADING_5,
  6: HeadingLevel.HEADING_6,
} as const;

const heading = (size: number, before: number, italics = false) => ({
  run: { size, bold: !italics, italics, color: COLOURS.heading, font: 'Calibri' },
  paragraph: { spacing: { before, after: 100 }, keepNext: true, keepLines: true },
});

function styles(locale: string): IStylesOptions {
  return {
    default: {
      document: {
        run: { font: 'Calibri', size: 21, language: { value: locale } },
        paragraph: { spacing: { after: 120, line: 276 } },
      },
      heading1: heading(40, 0),
      heading2: heading(30, 400),
      heading3: heading(25, 280),
      heading4: heading(22, 200),
      heading5: heading(21, 160, true),
      heading6: heading(21, 120, true),
    },
    paragraphStyles: [
      {
        id: 'VrijuitNote',
        name: 'Note',
        basedOn: 'Normal',
        quickFormat: true,
        run: { size: 18, color: COLOURS.note },
        paragraph: { spacing: { before: 60, after: 120 } },
      },
      {
        id: 'Quote',
        name: 'Quote',
        basedOn: 'Normal',
        quickFormat: true,
        run: { italics: true },
        paragraph: {
          indent: { left: 567 },
          border: { left: { style: BorderStyle.SINGLE, size: 12, color: COLOURS.rule, space: 8 } },
        },
      },
    ],
  };
}

/** Nine list levels, each indented a further 0.6 cm. */
function levels(ordered: boolean): ILevelsOptions[] {
  const bullets = ['•', '◦', '▪'];
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: ordered ? LevelFormat.DECIMAL : LevelFormat.BULLET,
    text: ordered ? `%${level + 1}.` : (bullets[level % 3] ?? '•'),
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 454 + level * 340, hanging: 284 } } },
  }));
}

/** Plain text to runs: a typed line break stays a line break. */
function runs(text: string): TextRun[] {
  return text.split(/\r\n|\r|\n/).map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 }));
}

/** The outline's blocks as Word paragraphs and tables; each ordered list restarts at 1. */
function body(blocks: readonly Block[]): (Paragraph | Table)[] {
  let lists = 0;
  const out: (Paragraph | Table)[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'title':
        out.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(block.text) }));
        break;
      case 'heading':
        out.push(new Paragraph({ heading: HEADINGS[block.level], children: runs(block.text) }));
        break;
      case 'paragraph':
        out.push(new Paragraph({ style: block.note ? 'VrijuitNote' : undefined, children: runs(block.text) }));
        break;
      case 'quote':
        out.push(new Paragraph({ style: 'Quote', children: runs(block.text) }));
        break;
      case 'facts':
        out.push(factsTable(block.rows), new Paragraph({ spacing: { after: 0 } }));
        break;
      case 'table':
        // An empty paragraph after each table keeps two tables from fusing into one in Word.
        out.push(resultTable(block.table), new Paragraph({ spacing: { after: 60 } }));
        break;
      case 'list': {
        const instance = ++lists;
        const reference = block.ordered ? 'vrijuit-numbers' : 'vrijuit-bullets';
        for (const item of block.items)
          out.push(
            new Paragraph({
              numbering: { reference, level: Math.min(8, item.depth), instance },
              spacing: { after: 60 },
              children: runs(item.text),
            }),
          );
        break;
      }
    }
  }
  return out;
}

/** Dates docProps/core.xml to the session's day and every zip entry to that day's midnight. */
function dateTo(bytes: Uint8Array, day: string): Uint8Array {
  const files = unzipSync(bytes);
  const core = files['docProps/core.xml'];
  if (core)
    files['docProps/core.xml'] = strToU8(
      strFromU8(core).replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${day}T00:00:00Z$3`),
    );
  const [y, m, d] = day.split('-').map(Number);
  // Zip entries carry local DOS times: local midnight reads as the day itself whatever the zone.
  const mtime = new Date(y ?? 1980, (m ?? 1) - 1, d ?? 1);
  const zippable: Zippable = {};
  for (const [name, data] of Object.entries(files)) zippable[name] = [data, { mtime }];
  return zipSync(zippable, { level: 6 });
}

export async function renderDocx(doc: ExportDocument): Promise<Uint8Array> {
  const labels = exportLabels(doc.session.language);
  const file = new Document({
    title: doc.session.title,
    creator: AUTHOR,
    lastModifiedBy: AUTHOR,
    styles: styles(labels.locale),
    numbering: {
      config: [
        { reference: 'vrijuit-bullets', levels: levels(false) },
        { reference: 'vrijuit-numbers', levels: levels(true) },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134, footer: 567 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES],
                    size: 16,
                    color: COLOURS.note,
                  }),
                ],
              }),
            ],
          }),
        },
        children: body(outline(doc, labels)),
      },
    ],
  });
  return dateTo(new Uint8Array(await Packer.toBuffer(file)), exportDay(doc));
}
