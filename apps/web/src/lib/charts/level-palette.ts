import type { RoundConfig } from '@vrijuit/protocol';

/**
 * Colours of the levels of a stacked bar, each with the ink that reads on it (contrast >= 4.5:1).
 * Agreement runs from support (green) through doubt (amber) to veto (dark red); the two most serious
 * levels are also hatched in the chart, so they stand out without colour. Scales and rank positions
 * use one blue ramp: a scale's labels have no "good" end the app could know.
 */
export interface Swatch {
  fill: string;
  ink: string;
}

const light = '#1f2328';
const dark = '#ffffff';

const agreement8: Swatch[] = [
  { fill: '#0b6b2f', ink: dark },
  { fill: '#25803e', ink: dark },
  { fill: '#8cc084', ink: light },
  { fill: '#d7dbd9', ink: light },
  { fill: '#f2c14e', ink: light },
  { fill: '#e8894a', ink: light },
  { fill: '#b3261e', ink: dark },
  { fill: '#5c0f0b', ink: dark },
];

const fist6: Swatch[] = [
  { fill: '#0b6b2f', ink: dark },
  { fill: '#25803e', ink: dark },
  { fill: '#8cc084', ink: light },
  { fill: '#f2c14e', ink: light },
  { fill: '#b3261e', ink: dark },
  { fill: '#5c0f0b', ink: dark },
];

const blues: Swatch[] = [
  { fill: '#0a3d62', ink: dark },
  { fill: '#1f5f8b', ink: dark },
  { fill: '#346f9c', ink: dark },
  { fill: '#6fa3cf', ink: light },
  { fill: '#9fc3e3', ink: light },
  { fill: '#c9dcef', ink: light },
  { fill: '#e3edf7', ink: light },
];

/** A ramp of `n` swatches spread over the blues (first = darkest). */
function ramp(n: number): Swatch[] {
  if (n <= 1) return [blues[0]!];
  return Array.from({ length: n }, (_, i) => blues[Math.round((i * (blues.length - 1)) / (n - 1))]!);
}

export function levelSwatches(config: RoundConfig, levels: number): Swatch[] {
  if (config.kind === 'agreement') return config.preset === 'gradients' ? agreement8 : fist6;
  return ramp(levels);
}

/** Levels to hatch: the last two of an agreement scale (serious disagreement and veto, or one finger and fist). */
export function isAlarmLevel(config: RoundConfig, level: number, levels: number): boolean {
  return config.kind === 'agreement' && level >= levels - 2;
}
