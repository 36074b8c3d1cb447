import type { KindResult, RoundConfig, VoteOption } from '@vrijuit/protocol';

/**
 * Numbers behind the charts, kept apart from the markup so they can be tested. Every chart is drawn
 * in percent of a reference (bar widths, stack segments), so it scales with the screen and the font.
 */

/** `value` as a percentage of `max` (0-100): 0 when there is nothing to compare with. */
export function percentOf(value: number, max: number): number {
  if (!(max > 0) || !Number.isFinite(value)) return 0;
  return Math.max(0, Math.min(100, (value / max) * 100));
}

/** One bar of a bar chart: the figure, its share of the total, and its width. */
export interface Bar {
  option: VoteOption;
  value: number;
  /** Share of `total` (0-1): of the respondents (choice) or of all dots. */
  share: number;
  /** Width in percent of the chart. */
  width: number;
}

/**
 * Bars for single choice, multiple choice and dots, in the round's order. Choice bars are drawn
 * against the number of respondents (a bar is "the part of the room that chose it"); dots against the
 * largest option, so the winner fills the chart.
 */
export function choiceBars(
  config: RoundConfig,
  options: readonly VoteOption[],
  result: KindResult,
  respondents: number,
): Bar[] {
  const values = options.map((o) => result.values[o.id] ?? 0);
  const dots = config.kind === 'dot-voting';
  const total = dots ? values.reduce((a, b) => a + b, 0) : respondents;
  const max = dots ? Math.max(0, ...values) : respondents;
  return options.map((option, i) => {
    const value = values[i]!;
    return { option, value, share: total > 0 ? value / total : 0, width: percentOf(value, max) };
  });
}

/**
 * Borda bars for a ranking, best first. With L options one ballot gives at most L-1 points to one
 * option, so the reference is respondents x (L-1): a bar is full when everyone put that option first.
 */
export function bordaBars(options: readonly VoteOption[], result: KindResult, respondents: number): Bar[] {
  const max = respondents * Math.max(1, options.length - 1);
  return options
    .map((option) => {
      const value = result.values[option.id] ?? 0;
      return { option, value, share: max > 0 ? value / max : 0, width: percentOf(value, max) };
    })
    .sort((a, b) => b.value - a.value);
}

/** One piece of a stacked bar: a level (or rank) with how many answered it, as a share of the row. */
export interface Segment {
  level: number;
  count: number;
  /** Width in percent of the row (0-100). */
  percent: number;
  /** Where it starts, in percent from the left. */
  start: number;
}

/** The pieces of one stacked bar; empty levels are kept (width 0) so columns line up across rows. */
export function stackRow(row: readonly number[]): Segment[] {
  const total = row.reduce((a, b) => a + b, 0);
  let start = 0;
  return row.map((count, level) => {
    const percent = total > 0 ? (count / total) * 100 : 0;
    const segment = { level, count, percent, start };
    start += percent;
    return segment;
  });
}

/** How many answered a row of a matrix (its sum). */
export const rowTotal = (row: readonly number[] | undefined): number => (row ?? []).reduce((a, b) => a + b, 0);

/**
 * Figures for people are whole; per-municipality figures are weighted means and need a decimal.
 * Rounds to at most `digits` decimals and drops trailing zeros (2, 2.5, not 2.50).
 */
export function roundTo(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
