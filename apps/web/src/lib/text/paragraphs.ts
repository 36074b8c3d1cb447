import type { JSONContent } from '@tiptap/core';
import type { FacilitatorRound } from '@vrijuit/protocol';
import { LIMITS } from '@vrijuit/protocol/constants';

/*
 * Paragraphs of a position text put to an agreement check: the text's paragraphs as statements of an
 * agreement round, and back, each paragraph's result found by its (shortened) statement.
 */

/** The plain text of a node: its text leaves joined, a hard break as a space, white space collapsed. */
function plainText(node: JSONContent): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return ' ';
  return (node.content ?? []).map(plainText).join('');
}

const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The non-empty paragraphs of a text, in order: its top-level paragraphs and headings, and each list
 * item (nested lists included) as one paragraph.
 */
export function paragraphTexts(doc: JSONContent): string[] {
  const out: string[] = [];
  const visit = (node: JSONContent) => {
    if (node.type === 'paragraph' || node.type === 'heading') out.push(tidy(plainText(node)));
    else if (node.type === 'listItem') {
      // The item's own text, its nested lists as items of their own.
      const own = (node.content ?? []).filter((child) => child.type !== 'bulletList' && child.type !== 'orderedList');
      out.push(tidy(own.map(plainText).join(' ')));
      for (const child of node.content ?? []) if (child !== undefined && !own.includes(child)) visit(child);
    } else if (node.type === 'bulletList' || node.type === 'orderedList' || node.type === 'blockquote')
      for (const child of node.content ?? []) visit(child);
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

export interface ParagraphResult {
  roundId: string;
  /** Answers per level (0 full support … 7 veto). */
  counts: number[];
  /** People who answered this statement. */
  respondents: number;
}

/**
 * Per paragraph, the result of the latest agreement round (in agenda order) with results and a statement
 * equal to that paragraph shortened; null when no round has one.
 */
export function paragraphResults(
  paragraphs: readonly string[],
  rounds: readonly FacilitatorRound[],
  levels = 8,
): (ParagraphResult | null)[] {
  const agreement = rounds.filter((r) => r.config.kind === 'agreement' && r.results).reverse();
  return paragraphs.map((paragraph) => {
    const label = shortenLabel(paragraph);
    if (label.length === 0) return null;
    for (const round of agreement) {
      const option = round.options.find((o) => o.label === label);
      if (!option) continue;
      const row = round.results?.perPerson.matrix?.[option.id] ?? [];
      const counts = Array.from({ length: levels }, (_, i) => row[i] ?? 0);
      return { roundId: round.id, counts, respondents: counts.reduce((a, b) => a + b, 0) };
    }
    return null;
  });
}
