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
import { fill, formats } from './outline-kit.ts';
import { outline, type Block } from './outline.ts';
import { AUTHOR, exportDay } from './render-metadata.ts';
import { COLOURS, TABLE_HEADING, factsTable, resultTable, type DescribeBar } from './render-docx-table.ts';

/*
 * The export as a Word document (docx 9.7): built-in Heading styles (the navigation pane and a table of
 * contents work), real tables and lists, A4 with page numbers. Opens in Word and LibreOffice. It is the
 * accessible format (EX7): the session's language, a title, headings in order, tables with a header row
 * and a caption, alt text on every bar, looks from styles rather than direct formatting, and no empty
 * paragraphs for spacing.
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
        id: TABLE_HEADING,
        name: 'Table Heading',
        basedOn: 'Normal',
        run: { bold: true },
      },
      {
        id: 'Footer',
        name: 'footer',
        basedOn: 'Normal',
        run: { size: 16, color: COLOURS.note },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 0 } },
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

/** The outline's blocks as Word paragraphs and tables, and each table's caption, in order. */
interface Body {
  readonly children: (Paragraph | Table)[];
  readonly captions: string[];
}

/**
 * The outline's blocks as Word paragraphs and tables; each ordered list restarts at 1. A table's caption
 * is the headings it sits under. An empty paragraph only where Word needs one (between two tables, which
 * would fuse, and after a last table); elsewhere the block after a table keeps its distance by spacing.
 */
function body(blocks: readonly Block[], describe: DescribeBar): Body {
  let lists = 0;
  const children: (Paragraph | Table)[] = [];
  const captions: string[] = [];
  const headings: string[] = [];
  let afterTable = false;
  const gap = () => (afterTable ? { before: 160 } : undefined);
  const table = (t: Table, caption: string, next: Block | undefined) => {
    children.push(t);
    captions.push(caption);
    if (next === undefined || next.type === 'table' || next.type === 'facts')
      children.push(new Paragraph({ spacing: { after: 0 } }));
  };
  blocks.forEach((block, i) => {
    const next = blocks[i + 1];
    switch (block.type) {
      case 'title':
        headings.length = 0;
        headings[1] = block.text;
        children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(block.text) }));
        break;
      case 'heading':
        headings.length = block.level;
        headings[block.level] = block.text;
        children.push(new Paragraph({ heading: HEADINGS[block.level], children: runs(block.text) }));
        break;
      case 'paragraph':
        children.push(
          new Paragraph({ style: block.note ? 'VrijuitNote' : undefined, spacing: gap(), children: runs(block.text) }),
        );
        break;
      case 'quote':
        children.push(new Paragraph({ style: 'Quote', spacing: gap(), children: runs(block.text) }));
        break;
      case 'facts':
        table(factsTable(block.rows), headings[1] ?? '', next);
        break;
      case 'table':
        table(
          resultTable(block.table, describe),
          headings.slice(2).filter(Boolean).join(' — ') || (headings[1] ?? ''),
          next,
        );
        break;
      case 'list': {
        const instance = ++lists;
        const reference = block.ordered ? 'vrijuit-numbers' : 'vrijuit-bullets';
        block.items.forEach((item, n) =>
          children.push(
            new Paragraph({
              numbering: { reference, level: Math.min(8, item.depth), instance },
              spacing: { after: 60, ...(n === 0 ? gap() : {}) },
              children: runs(item.text),
            }),
          ),
        );
        break;
      }
    }
    afterTable = block.type === 'table' || block.type === 'facts';
  });
  return { children, captions };
}

const attribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Each table's caption into its properties (w:tblCaption, the table's alt-text title in Word; docx 9.7
 * has no option for it). The schema puts it last in w:tblPr; the body holds no nested tables.
 */
function captioned(documentXml: string, captions: readonly string[]): string {
  let n = 0;
  return documentXml.replace(
    /<\/w:tblPr>/g,
    () => `<w:tblCaption w:val="${attribute(captions[n++] ?? '')}"/></w:tblPr>`,
  );
}

/**
 * The package as docx wrote it, finished: table captions added, docProps/core.xml dated to the session's
 * day and every zip entry to that day's midnight.
 */
function finish(bytes: Uint8Array, day: string, captions: readonly string[]): Uint8Array {
  const files = unzipSync(bytes);
  const document = files['word/document.xml'];
  if (document) files['word/document.xml'] = strToU8(captioned(strFromU8(document), captions));
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
  const percent = formats(labels).percent;
  const { children, captions } = body(outline(doc, labels), (bar) => fill(labels.votes.bar, { percent: percent(bar) }));
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
                style: 'Footer',
                children: [new TextRun({ children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return finish(new Uint8Array(await Packer.toBuffer(file)), exportDay(doc), captions);
}
