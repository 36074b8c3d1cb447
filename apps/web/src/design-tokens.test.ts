import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Every Svelte component of the web app, by its path under src/. */
const src = fileURLToPath(new URL('.', import.meta.url));
const components = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.svelte'));

/** A fixed font size in a component's style: a length in rem or px rather than a step of the scale. */
const FIXED_SIZE = /font-size:\s*[\d.]+(?:rem|px)\b/g;

/**
 * A padding, margin or gap with a length in rem, or in px beyond the 1-2 px that line up borders
 * (scroll padding is not spacing).
 */
const FIXED_SPACE =
  /(?<![-\w])(?:padding|margin|gap|row-gap|column-gap)(?:-[a-z-]+)?:[^;{}]*?(?:\d*\.?\d+rem|(?<![\d.])(?:[3-9]|\d{2,})px)\b/g;

/** A colour written out (hex, rgb(), hsl()) instead of a token. */
const COLOUR = /#[\da-f]{3,8}\b|\b(?:rgb|hsl)a?\(/gi;

describe('one visual language (issue 15)', () => {
  it('VL1 components take their font sizes from the type scale in app.css (or relative to their context in em), never a fixed rem or px', () => {
    expect(components.length).toBeGreaterThan(50);
    const fixed = components.flatMap((path) =>
      [...readFileSync(`${src}/${path}`, 'utf8').matchAll(FIXED_SIZE)].map((m) => `${path}: ${m[0]}`),
    );
    expect(fixed).toEqual([]);
  });

  it('VL1 components take their colours from the tokens in app.css: no colour literal in a style block', () => {
    const literals = components.flatMap((path) => {
      const styles = [...readFileSync(`${src}/${path}`, 'utf8').matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)];
      return styles.flatMap((style) => [...style[1]!.matchAll(COLOUR)].map((m) => `${path}: ${m[0]}`));
    });
    expect(literals).toEqual([]);
  });

  it('VL1 components take paddings, margins and gaps from the spacing scale in app.css, never a fixed rem or px', () => {
    const fixed = components.flatMap((path) =>
      [...readFileSync(`${src}/${path}`, 'utf8').matchAll(FIXED_SPACE)].map((m) => `${path}: ${m[0]}`),
    );
    expect(fixed).toEqual([]);
  });

  it('VL1 the scale is defined once, in app.css', () => {
    const css = readFileSync(`${src}/app.css`, 'utf8');
    for (const step of ['xs', 'sm', 'md', 'lg', 'xl', '2xl', '3xl']) expect(css).toContain(`--text-${step}:`);
    for (let step = 0; step <= 7; step++) expect(css).toContain(`--space-${step}:`);
    for (const component of components)
      expect(readFileSync(`${src}/${component}`, 'utf8')).not.toMatch(/--(?:text|space)-\w+:/);
  });
});
