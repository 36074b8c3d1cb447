import type { Block, Table } from './outline.ts';

/*
 * GitHub-flavoured Markdown from the outline. Every text in a block may be typed by a participant, so
 * each is escaped for where it lands: no raw HTML (`<`, `>` and entity-like `&` become entities), no
 * links or images (`[` `]` escaped, and `(` right after one), no autolinked web addresses, no
 * emphasis, code or strikethrough (`*` `_` `` ` `` `~`), no table breakouts (`|`), and no block syntax at a line's start (`#`, `-`,
 * `+`, `=`, `1.`). Characters that only matter elsewhere (`-`, `.`, `!`, `(`) are left alone in running
 * text so the note stays readable as plain text.
 */

const BAR_WIDTH = 10;

/** Whitespace a renderer would read as structure: line breaks kept apart, tabs and indents dropped. */
function lines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[\t\f\v]/g, ' ').trim());
}

/** Inline text: safe inside a paragraph, heading, list item or table cell (on one line). */
export function escapeInline(text: string): string {
  return (
    text
      .replace(/\\/g, '\\\\')
      .replace(/&(?=#?[a-z0-9]+;)/gi, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[*_`~[\]|#]/g, (c) => `\\${c}`)
      .replace(/\\\]\(/g, '\\]\\(')
      // No autolinked web addresses (GFM): an escaped `:` in `://`, or `.` after `www`, keeps them text.
      .replace(/:\/\//g, '\\://')
      .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\\.`)
      // Control characters have no place in a note and some renderers choke on them.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
  );
}

/** A whole line of block content: inline escaping, plus whatever would open a list, heading or rule. */
function escapeLine(line: string): string {
  return escapeInline(line)
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/** One line, for headings and table cells: line breaks become spaces. */
const oneLine = (text: string) => escapeInline(lines(text).join(' ').trim());

/** Block text over several lines: each line escaped, joined by hard line breaks (a trailing `\`); blank lines dropped. */
function multiLine(text: string, prefix = ''): string {
  return lines(text)
    .filter((line) => line !== '')
    .map((line) => prefix + escapeLine(line))
    .join(`\\\n`);
}

/** A chart cell as text: filled and empty blocks, so it reads as a bar chart without images. */
export function textBar(value: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, value)) * BAR_WIDTH);
  return '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
}

function table(t: Table): string {
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const width = t.head.length;
  const head = row(t.head.map(oneLine));
  const rule = row(t.head.map((_, i) => (t.numeric[i] ? '---:' : '---')));
  const body = t.rows.map((cells) =>
    row(
      Array.from({ length: width }, (_, i) => {
        const cell = cells[i];
        if (!cell) return '';
        return cell.bar === undefined ? oneLine(cell.text) : textBar(cell.bar);
      }),
    ),
  );
  return [head, rule, ...body].join('\n');
}

function list(ordered: boolean, items: readonly { text: string; depth: number }[]): string {
  const numbers: number[] = [];
  let depth = -1;
  return items
    .map((item) => {
      // A level may only go one deeper than the last: a jump would turn the item into a code block.
      depth = Math.max(0, Math.min(item.depth, depth + 1));
      numbers.length = depth + 1;
      numbers[depth] = (numbers[depth] ?? 0) + 1;
      const marker = ordered ? `${numbers[depth]}.` : '-';
      const text = lines(item.text).join(' ').trim();
      return `${'    '.repeat(depth)}${marker} ${escapeLine(text)}`.trimEnd();
    })
    .join('\n');
}

function block(b: Block): string {
  switch (b.type) {
    case 'title':
      return `# ${oneLine(b.text)}`.trimEnd();
    case 'heading':
      return `${'#'.repeat(b.level)} ${oneLine(b.text)}`.trimEnd();
    case 'paragraph': {
      if (!b.note) return multiLine(b.text);
      const note = oneLine(b.text);
      return note ? `_${note}_` : '';
    }
    case 'facts':
      return b.rows.map(([name, value]) => `- **${oneLine(name)}:** ${oneLine(value)}`).join('\n');
    case 'table':
      return table(b.table);
    case 'list':
      return list(b.ordered, b.items);
    case 'quote':
      return multiLine(b.text, '> ') || '>';
  }
}

/** The outline as one Markdown document, blocks apart by a blank line, ending in a newline. */
export function renderMarkdown(blocks: readonly Block[]): string {
  return `${blocks
    .map(block)
    .filter((text) => text !== '')
    .join('\n\n')}\n`;
}
