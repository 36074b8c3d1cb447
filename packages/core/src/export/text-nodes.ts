import type { ExportTextBlock, ExportListItem } from '@vrijuit/protocol';
import { LIMITS } from '@vrijuit/protocol/constants';

/*
 * A position text as plain data: ProseMirror's JSON shape (what Tiptap's `getJSON()` gives and what the
 * server reads out of a Yjs document). Marks and attributes other than a heading's level are ignored:
 * an export carries only the words and their structure.
 */

export interface TextNode {
  readonly type?: string;
  readonly attrs?: Readonly<Record<string, unknown>>;
  readonly content?: readonly TextNode[];
  readonly text?: string;
}

/** The plain text of a node: its text leaves joined, a hard break as a space. */
function plainText(node: TextNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return ' ';
  return (node.content ?? []).map(plainText).join('');
}

const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();
const isList = (node: TextNode) => node.type === 'bulletList' || node.type === 'orderedList';

/** A list item's own words, its nested lists left out. */
const ownText = (item: TextNode) =>
  tidy(
    (item.content ?? [])
      .filter((child) => !isList(child))
      .map(plainText)
      .join(' '),
  );

/**
 * The non-empty paragraphs of a text, in order: its top-level paragraphs and headings, and each list
 * item (nested lists included) as one paragraph. These are what an agreement check on a text is about.
 */
export function paragraphTexts(doc: TextNode): string[] {
  const out: string[] = [];
  const visit = (node: TextNode) => {
    if (node.type === 'paragraph' || node.type === 'heading') out.push(tidy(plainText(node)));
    else if (node.type === 'listItem') {
      out.push(ownText(node));
      for (const child of node.content ?? []) if (isList(child)) visit(child);
    } else if (isList(node) || node.type === 'blockquote') for (const child of node.content ?? []) visit(child);
  };
  for (const node of doc.content ?? []) visit(node);
  return out.filter((text) => text.length > 0);
}

/** A paragraph as a statement: at most `max` characters, a cut one ending in "…". */
export function shortenLabel(text: string, max: number = LIMITS.optionLabel): string {
  const clean = tidy(text);
  const chars = Array.from(clean);
  if (chars.length <= max) return clean;
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/** The statements of an agreement round for the chosen paragraphs: shortened, empty and repeated ones left out, at most LIMITS.options. */
export function agreementStatements(paragraphs: readonly string[]): string[] {
  const out: string[] = [];
  for (const paragraph of paragraphs) {
    const label = shortenLabel(paragraph);
    if (label.length === 0 || out.includes(label)) continue;
    out.push(label);
    if (out.length === LIMITS.options) break;
  }
  return out;
}

function listItems(list: TextNode, depth: number, out: ExportListItem[]): ExportListItem[] {
  for (const item of list.content ?? []) {
    const text = ownText(item);
    if (text) out.push({ text, depth });
    for (const child of item.content ?? []) if (isList(child)) listItems(child, depth + 1, out);
  }
  return out;
}

function headingLevel(node: TextNode): number {
  const level = Number(node.attrs?.['level']);
  return Number.isInteger(level) ? Math.min(6, Math.max(1, level)) : 1;
}

/** A text's blocks for an export: headings, paragraphs, quotes and lists; empty ones left out. */
export function textBlocks(doc: TextNode | undefined): ExportTextBlock[] {
  const out: ExportTextBlock[] = [];
  for (const node of doc?.content ?? []) {
    if (isList(node)) {
      const items = listItems(node, 0, []);
      if (items.length) out.push({ type: 'list', ordered: node.type === 'orderedList', items });
      continue;
    }
    const text = node.type === 'blockquote' ? paragraphTexts(node).join(' ') : tidy(plainText(node));
    if (!text) continue;
    if (node.type === 'heading') out.push({ type: 'heading', level: headingLevel(node), text });
    else if (node.type === 'blockquote') out.push({ type: 'quote', text });
    else out.push({ type: 'paragraph', text });
  }
  return out;
}
