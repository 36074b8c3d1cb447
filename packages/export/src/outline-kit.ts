import { mostCommonLevel } from '@vrijuit/core';
import type { ExportLabels } from './i18n/index.ts';

/*
 * The format-neutral document every rendered format (Markdown, DOCX, PDF) is drawn from, so they show
 * the same facts in the same order with the same words. Text in blocks is plain text: each renderer
 * escapes it for its own format.
 */

/** A table cell: its text, and for a chart column a bar from 0 to 1 (the text is then empty). */
export interface Cell {
  readonly text: string;
  readonly bar?: number;
}

export interface Table {
  readonly head: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Per column: right-aligned figures. */
  readonly numeric: readonly boolean[];
}

export type Block =
  | { readonly type: 'title'; readonly text: string }
  | { readonly type: 'heading'; readonly level: 2 | 3 | 4 | 5 | 6; readonly text: string }
  | { readonly type: 'paragraph'; readonly text: string; readonly note?: boolean }
  | { readonly type: 'facts'; readonly rows: readonly (readonly [string, string])[] }
  | { readonly type: 'table'; readonly table: Table }
  | { readonly type: 'list'; readonly ordered: boolean; readonly items: readonly { text: string; depth: number }[] }
  | { readonly type: 'quote'; readonly text: string };

/** `{name}` placeholders filled in. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

export function plural(forms: { one: string; other: string }, n: number): string {
  return fill(n === 1 ? forms.one : forms.other, { n });
}

/** Numbers and dates in the export's locale. */
export function formats(labels: ExportLabels) {
  const number = new Intl.NumberFormat(labels.locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(labels.locale, { style: 'percent', maximumFractionDigits: 0 });
  const day = new Intl.DateTimeFormat(labels.locale, { dateStyle: 'long', timeZone: 'UTC' });
  return {
    number: (n: number) => number.format(n),
    percent: (n: number) => percent.format(n),
    date: (iso: string) => day.format(new Date(`${iso}T00:00:00Z`)),
  };
}

export type Formats = ReturnType<typeof formats>;

export const text = (value: string): Cell => ({ text: value });
export const bar = (value: number, max: number): Cell => ({ text: '', bar: max > 0 ? Math.max(0, value / max) : 0 });

/** The legend of a scale's or agreement's levels: "1 = Volmondig akkoord, 2 = …". */
export function legend(levels: readonly string[], labels: ExportLabels): Block {
  const list = levels.map((level, i) => `${i + 1} = ${level}`).join(', ');
  return { type: 'paragraph', note: true, text: fill(labels.votes.legend, { legend: list }) };
}

/** The most common level's words, "Verdeeld" when levels share the most answers, '–' without answers (TA10). */
export function mostCommonText(
  levels: readonly string[],
  counts: readonly number[] | null,
  labels: ExportLabels,
): string {
  const common = mostCommonLevel(counts);
  if (common === 'tie') return labels.votes.split;
  return common === null ? '–' : (levels[common] ?? '–');
}
