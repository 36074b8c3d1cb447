/** One entry per non-empty line of a textarea, trimmed (zones, vote options). */
export function parseLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** The first value that appears twice, compared case-insensitively, or null. */
export function firstDuplicate(values: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const value of values) {
    const key = value.toLocaleLowerCase();
    if (seen.has(key)) return value;
    seen.add(key);
  }
  return null;
}
