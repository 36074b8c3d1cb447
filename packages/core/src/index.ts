export type * from './state.ts';
export type * from './events.ts';
export * from './result.ts';
export * from './table.ts';
export * from './evolve.ts';
export * from './decide.ts';
export * from './decide-pain-points.ts';
export * from './decide-text.ts';
export * from './decide-steering.ts';
export * from './decide-design.ts';
export * from './design.ts';
export * from './decide-lifecycle.ts';
export * from './decide-paper.ts';
export * from './projection.ts';
export * from './results/index.ts';
// Templates parse their designs with zod: imported from '@vrijuit/core/templates', off the phone's bundle.
export * from './export/export-document.ts';
export type { AgreementLevelLabels, ExportWords } from './export/export-results.ts';
export type { TextNode } from './export/text-nodes.ts';
