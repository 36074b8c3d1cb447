import { describe, expect, it } from 'vitest';
import { addDot, dotsOn, refuseDot, remainingDots, removeDot, spentDots } from './dot-budget.ts';

const rules = { budget: 5, maxPerOption: 3 };

describe('dot budget', () => {
  it('counts what is spent and what is left', () => {
    expect(spentDots({})).toBe(0);
    expect(spentDots({ o1: 2, o2: 1 })).toBe(3);
    expect(remainingDots(rules, { o1: 2, o2: 1 })).toBe(2);
    expect(remainingDots(rules, { o1: 3, o2: 3 })).toBe(0);
  });

  it('adds a dot until the option holds the maximum per option', () => {
    let dots = {};
    for (let i = 0; i < 5; i++) dots = addDot(rules, dots, 'o1');
    expect(dotsOn(dots, 'o1')).toBe(3);
    expect(refuseDot(rules, dots, 'o1')).toBe('max-per-option');
  });

  it('refuses a dot once the budget is spent, on any option', () => {
    const dots = { o1: 3, o2: 2 };
    expect(refuseDot(rules, dots, 'o3')).toBe('budget');
    expect(addDot(rules, dots, 'o3')).toBe(dots);
    expect(refuseDot(rules, dots, 'o2')).toBe('budget');
  });

  it('removes dots and drops an option at zero', () => {
    expect(removeDot({ o1: 2 }, 'o1')).toEqual({ o1: 1 });
    expect(removeDot({ o1: 1, o2: 1 }, 'o1')).toEqual({ o2: 1 });
    const none = { o2: 1 };
    expect(removeDot(none, 'o1')).toBe(none);
  });

  it('treats inherited keys as no dots', () => {
    expect(dotsOn({}, 'toString')).toBe(0);
    expect(addDot(rules, {}, '__proto__')).toEqual(JSON.parse('{"__proto__":1}'));
  });
});
