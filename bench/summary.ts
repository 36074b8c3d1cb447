/**
 * The summary table of a benchmark: per metric, the valid runs of each side combined (median, or the
 * worst run), the floor next to Vrijuit, their ratio and difference, and whether a target is met.
 */

export function median(values: number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

export interface Metric<R> {
  label: string;
  value: (r: R) => number;
  /** How the runs combine: the median, or the worst run (a stand-in for p99 over a handful of runs). */
  over: 'median' | 'max';
  format: (v: number) => string;
  target?: { text: string; met: (vrijuit: number, floor: number) => boolean };
}

export interface SideResult {
  kind: string;
  valid: boolean;
}

/** A markdown table; `title` heads the first column (say what N is). */
export function summaryTable<R extends SideResult>(title: string, results: R[], metrics: Metric<R>[]): string {
  const valid = (kind: string) => results.filter((r) => r.kind === kind && r.valid);
  const combine = (m: Metric<R>, kind: string) => {
    const values = valid(kind).map(m.value).filter(Number.isFinite);
    return m.over === 'median' ? median(values) : values.length ? Math.max(...values) : NaN;
  };
  const lines = [
    `| metric (${title}, ${valid('floor').length} floor / ${valid('vrijuit').length} Vrijuit valid runs) | floor | Vrijuit | ratio | difference | target | met |`,
    '|---|---:|---:|---:|---:|---|---|',
  ];
  for (const m of metrics) {
    const f = combine(m, 'floor');
    const v = combine(m, 'vrijuit');
    const both = Number.isFinite(f) && Number.isFinite(v);
    const ratio = both && f > 0 && v >= 0 ? `${(v / f).toFixed(Math.abs(v / f) >= 100 ? 0 : 2)}x` : '-';
    const diff = both ? m.format(v - f) : '-';
    const met = m.target && both ? (m.target.met(v, f) ? 'yes' : '**no**') : '';
    lines.push(
      `| ${m.label} | ${m.format(f)} | ${m.format(v)} | ${ratio} | ${diff} | ${m.target?.text ?? ''} | ${met} |`,
    );
  }
  return lines.join('\n');
}
