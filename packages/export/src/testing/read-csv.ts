/**
 * For tests only: reads the CSV export back the way a spreadsheet would (RFC 4180 with `;`), keeping
 * whether each cell was quoted, so a test can tell a number from a text.
 */
export interface ReadCell {
  readonly value: string;
  readonly quoted: boolean;
}

export function readCsv(text: string): ReadCell[][] {
  const rows: ReadCell[][] = [];
  let row: ReadCell[] = [];
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  while (i < text.length) {
    let value = '';
    const quoted = text[i] === '"';
    if (quoted) {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quote');
        value += text.slice(i, q);
        i = q + 1;
        if (text[i] !== '"') break;
        value += '"';
        i++;
      }
    } else {
      const end = text.slice(i).search(/[;\r\n]/);
      value = end < 0 ? text.slice(i) : text.slice(i, i + end);
      i += value.length;
    }
    row.push({ value, quoted });
    if (text[i] === ';') i++;
    else if (text.startsWith('\r\n', i) || i >= text.length) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  return rows;
}
