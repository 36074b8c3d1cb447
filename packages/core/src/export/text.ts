// `@vrijuit/core/text`: a position text's paragraphs and their agreement results, for the console and the export.
export * from './text-nodes.ts';
export * from './paragraph-agreement.ts';
