export type * from './state.ts';
export type * from './events.ts';
export * from './result.ts';
export * from './table.ts';
export * from './evolve.ts';
export * from './decide.ts';
export * from './decide-pain-points.ts';
export * from './projection.ts';
export * from './results/index.ts';
