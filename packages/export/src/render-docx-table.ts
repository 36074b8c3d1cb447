import {
  AlignmentType,
  BorderStyle,
  ImageRun,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ITableBordersOptions,
} from 'docx';
import type { Cell, Table as OutlineTable } from './outline-kit.ts';

/*
 * Tables for the DOCX export: the outline's result tables (a header row Word repeats on every page,
 * figures right-aligned, light rules, chart cells drawn as a bar with its alt text) and the facts under
 * the title. Bold heads and labels come from the Table Heading style, never from direct formatting.
 * Widths are in twentieths of a point (dxa): LibreOffice honours fixed dxa widths better than percentages.
 */

/** The text width of an A4 page with 2 cm margins, in dxa. */
export const TEXT_WIDTH = 11906 - 2 * 1134;
const CHART_WIDTH = 2000;

export const COLOURS = { rule: 'BFC7D1', head: 'EEF1F5', bar: '2F6E9E', note: '5F6670', heading: '1F3B57' };

/** The paragraph style of a table's head cells and the facts' labels (bold; see render-docx.ts). */
export const TABLE_HEADING = 'TableHeading';

/** One pixel of COLOURS.bar as a PNG, stretched to a bar's length. */
const BAR_PIXEL = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGPQz5sHAAILATxWRKGVAAAAAElFTkSuQmCC'),
  (c) => c.charCodeAt(0),
);

const rule = { style: BorderStyle.SINGLE, size: 4, color: COLOURS.rule };
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const RULES: ITableBordersOptions = {
  top: rule,
  bottom: rule,
  left: none,
  right: none,
  insideHorizontal: rule,
  insideVertical: none,
};
const NO_BORDERS: ITableBordersOptions = {
  top: none,
  bottom: none,
  left: none,
  right: none,
  insideHorizontal: none,
  insideVertical: none,
};
const MARGINS = { top: 40, bottom: 40, left: 80, right: 80 };

/**
 * Column widths: a chart column fixed, each figure column as wide as its head needs (a zone's name, a
 * word like "Deelnemers" unbroken), the text columns share what is left. Many level columns (an
 * agreement's eight) are narrowed so the text columns keep 4 cm each.
 */
function widths(table: OutlineTable): number[] {
  const chart = table.head.map((_, i) => table.rows.some((row) => row[i]?.bar !== undefined));
  const figure = table.head.map((head, i) =>
    chart[i] || !table.numeric[i] ? 0 : Math.min(2200, Math.max(560, longestWord(head) * 150 + 240)),
  );
  const free = table.head.filter((_, i) => !chart[i] && !table.numeric[i]).length;
  const charts = chart.filter(Boolean).length * CHART_WIDTH;
  const figures = figure.reduce((a, b) => a + b, 0);
  const room = TEXT_WIDTH - charts - free * 2268;
  const scale = figures > room ? Math.max(0, room) / figures : 1;
  const fitted = figure.map((w) => Math.floor(w * scale));
  const share = free ? Math.floor((TEXT_WIDTH - charts - fitted.reduce((a, b) => a + b, 0)) / free) : 0;
  return table.head.map((_, i) => (chart[i] ? CHART_WIDTH : table.numeric[i] ? (fitted[i] ?? 0) : share));
}

const longestWord = (text: string) => Math.max(1, ...text.split(/\s+/).map((word) => word.length));

/**
 * A chart cell's bar: one coloured pixel stretched to `bar` of the column (at least a hairline, so a
 * zero still shows), inline in the text, with `alt` as its description for a screen reader. The figure
 * it draws is in the same row as text: the bar never says anything on its own.
 */
function barParagraph(bar: number, width: number, alt: string): Paragraph {
  const pixels = Math.floor(width / 15);
  const filled = Math.max(1, Math.round(Math.min(1, Math.max(0, bar)) * pixels));
  return new Paragraph({
    spacing: { before: 0, after: 0 },
    children: [
      new ImageRun({
        type: 'png',
        data: BAR_PIXEL,
        transformation: { width: filled, height: 10 },
        altText: { name: 'bar', title: alt, description: alt },
      }),
    ],
  });
}

function cellParagraph(text: string, options: { right: boolean; heading?: boolean }): Paragraph {
  // Line breaks a person typed (a pain point on two lines) stay line breaks, not lost whitespace.
  const lines = text.split(/\r\n|\r|\n/);
  return new Paragraph({
    style: options.heading ? TABLE_HEADING : undefined,
    alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
    spacing: { before: 0, after: 0 },
    children: lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 })),
  });
}

/** A bar's alt text from its length (0 to 1), in the export's language. */
export type DescribeBar = (bar: number) => string;

function bodyCell(cell: Cell, right: boolean, width: number, describe: DescribeBar): TableCell {
  const children =
    cell.bar === undefined
      ? [cellParagraph(cell.text, { right })]
      : [barParagraph(cell.bar, width - MARGINS.left - MARGINS.right, describe(cell.bar))];
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: MARGINS,
  });
}

/** A result table: header row repeated across pages, rows kept whole, figures right-aligned. */
export function resultTable(table: OutlineTable, describe: DescribeBar): Table {
  const cols = widths(table);
  const head = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.head.map(
      (text, i) =>
        new TableCell({
          children: [cellParagraph(text, { right: table.numeric[i] ?? false, heading: true })],
          width: { size: cols[i] ?? 0, type: WidthType.DXA },
          shading: { type: ShadingType.CLEAR, fill: COLOURS.head, color: 'auto' },
          verticalAlign: VerticalAlign.BOTTOM,
          margins: MARGINS,
        }),
    ),
  });
  const rows = table.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: row.map((cell, i) => bodyCell(cell, table.numeric[i] ?? false, cols[i] ?? 0, describe)),
      }),
  );
  return new Table({
    rows: [head, ...rows],
    columnWidths: cols,
    width: { size: cols.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: RULES,
  });
}

/** The facts under the title (date, facilitator, …): a quiet two-column table, each label its row's head. */
export function factsTable(rows: readonly (readonly [string, string])[]): Table {
  const cols = [2600, TEXT_WIDTH - 2600];
  return new Table({
    rows: rows.map(
      ([label, value]) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              children: [cellParagraph(label, { right: false, heading: true })],
              width: { size: cols[0] ?? 0, type: WidthType.DXA },
              margins: MARGINS,
            }),
            new TableCell({
              children: [cellParagraph(value, { right: false })],
              width: { size: cols[1] ?? 0, type: WidthType.DXA },
              margins: MARGINS,
            }),
          ],
        }),
    ),
    columnWidths: cols,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: { ...NO_BORDERS, insideHorizontal: rule, bottom: rule, top: rule },
  });
}
