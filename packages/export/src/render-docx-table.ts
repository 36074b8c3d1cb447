import {
  AlignmentType,
  BorderStyle,
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
 * figures right-aligned, light rules, chart cells drawn as a shaded bar) and the facts under the title.
 * Widths are in twentieths of a point (dxa): LibreOffice honours fixed dxa widths better than percentages.
 */

/** The text width of an A4 page with 2 cm margins, in dxa. */
export const TEXT_WIDTH = 11906 - 2 * 1134;
const CHART_WIDTH = 2000;

export const COLOURS = { rule: 'BFC7D1', head: 'EEF1F5', bar: '2F6E9E', note: '5F6670', heading: '1F3B57' };

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
 * A chart cell: a one-row table whose first cell is shaded to `bar` of the column. The bar is decoration
 * (the figure is in the same row), so its cells hold empty paragraphs a screen reader passes over.
 */
function barTable(bar: number, width: number): Table {
  const filled = Math.round(Math.min(1, Math.max(0, bar)) * width);
  const cells: TableCell[] = [];
  const empty = () => new Paragraph({ spacing: { before: 0, after: 0, line: 160 }, run: { size: 4 } });
  if (filled > 0)
    cells.push(
      new TableCell({
        children: [empty()],
        width: { size: filled, type: WidthType.DXA },
        shading: { type: ShadingType.CLEAR, fill: COLOURS.bar, color: 'auto' },
      }),
    );
  if (filled < width)
    cells.push(new TableCell({ children: [empty()], width: { size: width - filled, type: WidthType.DXA } }));
  return new Table({
    rows: [new TableRow({ children: cells, height: { value: 160, rule: 'exact' } })],
    columnWidths: cells.length === 2 ? [filled, width - filled] : [width],
    width: { size: width, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
  });
}

function cellParagraph(text: string, options: { right: boolean; bold?: boolean }): Paragraph {
  // Line breaks a person typed (a pain point on two lines) stay line breaks, not lost whitespace.
  const lines = text.split(/\r\n|\r|\n/);
  return new Paragraph({
    alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
    spacing: { before: 0, after: 0 },
    children: lines.map((line, i) => new TextRun({ text: line, bold: options.bold, break: i > 0 ? 1 : 0 })),
  });
}

function bodyCell(cell: Cell, right: boolean, width: number): TableCell {
  if (cell.bar !== undefined) {
    const inner = width - MARGINS.left - MARGINS.right;
    // Word wants a paragraph after a nested table, the last thing in a cell; keep it tiny.
    const after = new Paragraph({ spacing: { before: 0, after: 0, line: 40 }, run: { size: 2 } });
    return new TableCell({
      children: [barTable(cell.bar, inner), after],
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: MARGINS,
    });
  }
  return new TableCell({
    children: [cellParagraph(cell.text, { right })],
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: MARGINS,
  });
}

/** A result table: header row repeated across pages, rows kept whole, figures right-aligned. */
export function resultTable(table: OutlineTable): Table {
  const cols = widths(table);
  const head = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.head.map(
      (text, i) =>
        new TableCell({
          children: [cellParagraph(text, { right: table.numeric[i] ?? false, bold: true })],
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
        children: row.map((cell, i) => bodyCell(cell, table.numeric[i] ?? false, cols[i] ?? 0)),
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

/** The facts under the title (date, facilitator, …): a quiet two-column table, labels in bold. */
export function factsTable(rows: readonly (readonly [string, string])[]): Table {
  const cols = [2600, TEXT_WIDTH - 2600];
  return new Table({
    rows: rows.map(
      ([label, value]) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              children: [cellParagraph(label, { right: false, bold: true })],
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
