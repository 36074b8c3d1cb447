import { describe, expect, it } from 'vitest';
import { fitList } from './fit-list.ts';

/**
 * A list on a screen of `height` pixels, measured as a browser would: `items` entries of `line` pixels
 * each at scale 1 (as many as `cap` lets through), `wide` pixels wide at scale 1 in a box `width` wide.
 * Keeps every `--scale` and every cap fitList sets, in order.
 */
function fakeList(o: { items: number; line: number; height: number; width?: number; wide?: number }) {
  let scale = 1;
  let cap: number | null = null;
  const scales: number[] = [];
  const caps: (number | null)[] = [];
  const width = o.width ?? 1000;
  const el = {
    style: {
      setProperty(name: string, value: string) {
        expect(name).toBe('--scale');
        scale = Number(value);
        scales.push(scale);
      },
    },
    get clientHeight() {
      return o.height;
    },
    get scrollHeight() {
      return Math.max(o.height, Math.ceil((cap ?? o.items) * o.line * scale));
    },
    get clientWidth() {
      return width;
    },
    get scrollWidth() {
      return Math.max(width, Math.ceil((o.wide ?? 0) * scale));
    },
  };
  const setCap = (n: number | null) => {
    cap = n;
    caps.push(n);
  };
  return { el: el as unknown as HTMLElement, setCap, scales, caps, shown: () => cap ?? o.items };
}

describe('fitList', () => {
  it('QA8 takes the largest type when the whole list fits, and shows all of it', () => {
    const list = fakeList({ items: 4, line: 100, height: 1000 });
    expect(fitList(list.el, { min: 0.5, max: 1.25, most: 4, cap: list.setCap })).toEqual({ scale: 1.25, cap: null });
    expect(list.scales.at(-1)).toBe(1.25);
    expect(list.caps).toEqual([null]);
  });

  it('QA8 makes the type smaller until the list fits, to within a step, and leaves it set so', () => {
    // 20 lines of 100 px in 1000 px: fits from 0.5 down; the largest is just under it.
    const list = fakeList({ items: 20, line: 100, height: 1000 });
    const { scale, cap } = fitList(list.el, { min: 0.3, max: 1, most: 20, cap: list.setCap });
    expect(cap).toBeNull();
    expect(scale).toBeLessThanOrEqual(0.5);
    expect(scale).toBeGreaterThan(0.47);
    // What the screen is left with is what was found, not the last size tried.
    expect(list.scales.at(-1)).toBe(scale);
    expect(list.shown()).toBe(20);
  });

  it('QA8 counts a list too wide as not fitting, like one too tall', () => {
    const list = fakeList({ items: 1, line: 10, height: 1000, width: 1000, wide: 1600 });
    const { scale } = fitList(list.el, { min: 0.4, max: 1, most: 1, cap: list.setCap });
    expect(scale * 1600).toBeLessThanOrEqual(1001);
    expect(scale).toBeGreaterThan(0.6);
  });

  it('QA8 below the floor shows the most entries that fit at the smallest type, and leaves them shown', () => {
    // 40 lines of 100 px at 0.5 is 2000 px: 1000 px holds 20 of them.
    const list = fakeList({ items: 40, line: 100, height: 1000 });
    expect(fitList(list.el, { min: 0.5, max: 1.25, most: 40, cap: list.setCap })).toEqual({ scale: 0.5, cap: 20 });
    expect(list.scales.at(-1)).toBe(0.5);
    expect(list.caps[0]).toBeNull();
    expect(list.caps.at(-1)).toBe(20);
    expect(list.shown()).toBe(20);
  });

  it('QA8 shows at least one entry, however long it is', () => {
    const list = fakeList({ items: 3, line: 5000, height: 1000 });
    expect(fitList(list.el, { min: 0.7, max: 1, most: 3, cap: list.setCap })).toEqual({ scale: 0.7, cap: 1 });
    expect(list.shown()).toBe(1);
  });
});
