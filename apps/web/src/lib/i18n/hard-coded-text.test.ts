import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = new URL('../../', import.meta.url).pathname;

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'paraglide' ? [] : svelteFiles(path);
    return entry.name.endsWith('.svelte') ? [path] : [];
  });
}

/** Removes `{…}` expressions (nested braces, strings and comments inside them included). */
function withoutExpressions(markup: string): string {
  let out = '';
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < markup.length; i++) {
    const c = markup[i]!;
    if (depth > 0) {
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = null;
      } else if (c === '/' && markup[i + 1] === '/') i = markup.indexOf('\n', i) - 1;
      else if (c === '/' && markup[i + 1] === '*') i = markup.indexOf('*/', i) + 1;
      else if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
      continue;
    }
    if (c === '{') depth = 1;
    else out += c;
  }
  return out;
}

/** Words a person reads: two letters or more (not a lone mark such as "·", "×", "+" or "1."). */
const WORDS = /\p{L}{2,}/u;
/** Attributes read out or shown to people. */
const READ_ATTRIBUTES = /\s(aria-label|aria-description|title|placeholder|alt)="([^"]*)"/g;

/** Text a component writes itself instead of taking it from the messages. */
function hardCoded(source: string): string[] {
  const markup = source
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '');
  const bare = withoutExpressions(markup);
  const found: string[] = [];
  for (const [, name, value] of bare.matchAll(READ_ATTRIBUTES))
    if (WORDS.test(value!)) found.push(`${name}="${value}"`);
  const text = bare.replace(/<[^>]*>/g, '\n').replace(/&[a-z]+;|&#\d+;/g, ' ');
  for (const line of text.split('\n')) if (WORDS.test(line)) found.push(line.trim());
  return found;
}

describe('hard-coded text', () => {
  it('LN2: no component writes words of its own: text and read-out attributes come from the messages', () => {
    const files = svelteFiles(src);
    expect(files.length).toBeGreaterThan(80);
    const found = files.flatMap((file) =>
      hardCoded(readFileSync(file, 'utf8')).map((text) => `${relative(src, file)}: ${text}`),
    );
    expect(found).toEqual([]);
  });

  it('LN2: finds words in markup and in read-out attributes, not in expressions', () => {
    expect(withoutExpressions("<p>{m['a']()} · {n}</p>")).toBe('<p> · </p>');
    expect(withoutExpressions('<p title={`x ${"}"}`}>a</p>')).toBe('<p title=>a</p>');
    expect(withoutExpressions("<a b={() => {\n // it's\n}}>c</a>")).toBe('<a b=>c</a>');
    expect(hardCoded('<script>const a = "Hallo";</script><p>Hallo {name}</p>')).toEqual(['Hallo']);
    expect(hardCoded('<button aria-label="Sluiten">×</button>')).toEqual(['aria-label="Sluiten"']);
    expect(hardCoded("<button aria-label={m['close']()}>× {n}</button>")).toEqual([]);
  });
});
