import type { Content, CustomTableLayout, TableCell } from 'pdfmake/interfaces';
import type { Cell, Table } from './outline-kit.ts';

/*
 * Tables for the PDF export: light horizontal rules, a shaded header row repeated on every page, rows
 * never split, figures right-aligned, chart cells as bars drawn to scale.
 */

export const COLOURS = {
  rule: '#BFC7D1',
  head: '#EEF1F5',
  bar: '#2F6E9E',
  note: '#5F6670',
  heading: '#1F3B57',
} as const;

/** Width of a chart column's bar at 1, in points. */
const BAR_WIDTH = 90;

const layout = (shadeHead: boolean): CustomTableLayout => ({
  hLineWidth: () => 0.5,
  vLineWidth: () => 0,
  hLineColor: () => COLOURS.rule,
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5,
  fillColor: (row) => (shadeHead && row === 0 ? COLOURS.head : null),
});

/** A bar as long as its share of the column's widest value, 8 points high, set on the text's line. */
function barCell(bar: number): TableCell {
  const w = Math.round(Math.min(1, Math.max(0, bar)) * BAR_WIDTH * 10) / 10;
  if (w <= 0) return { text: '' };
  return { canvas: [{ type: 'rect', x: 0, y: 3, w, h: 8, color: COLOURS.bar }] };
}

function cell(c: Cell, numeric: boolean): TableCell {
  if (c.bar !== undefined) return barCell(c.bar);
  return numeric ? { text: c.text, alignment: 'right' } : { text: c.text };
}

/** A result table: text columns share the width, figures as wide as they need, charts fixed. */
export function resultTable(table: Table): Content {
  const chart = table.head.map((_, i) => table.rows.some((row) => row[i]?.bar !== undefined));
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: table.head.map((_, i) => (chart[i] ? BAR_WIDTH + 8 : table.numeric[i] ? 'auto' : '*')),
      body: [
        table.head.map((text, i): TableCell => ({
          text,
          style: 'th',
          alignment: table.numeric[i] && !chart[i] ? 'right' : 'left',
        })),
        ...table.rows.map((row) => row.map((c, i) => cell(c, table.numeric[i] ?? false))),
      ],
    },
    layout: layout(true),
    margin: [0, 2, 0, 10],
  };
}

/** The facts under the title: labels in bold on the left, values beside them. */
export function factsTable(rows: readonly (readonly [string, string])[]): Content {
  return {
    table: {
      widths: [110, '*'],
      dontBreakRows: true,
      body: rows.map(([label, value]): TableCell[] => [{ text: label, bold: true }, { text: value }]),
    },
    layout: layout(false),
    margin: [0, 0, 0, 12],
  };
}
