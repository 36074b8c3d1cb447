import { z } from 'zod';
import { EXPORT_VERSION, ExportDocument } from '../src/export.ts';

/**
 * docs/export-schema.json: the JSON Schema of the JSON export, generated from the zod schema the
 * export is built and checked against, so the two cannot drift (a test compares the committed file).
 */
export function renderExportSchema(): string {
  const schema = z.toJSONSchema(ExportDocument, { io: 'output', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = schema;
  const doc = {
    $schema,
    title: `Vrijuit export, version ${EXPORT_VERSION}`,
    description:
      'The anonymised outcome of a Vrijuit session (the JSON export). Generated from packages/protocol/src/export.ts by `pnpm docs:export`; see docs/export.md.',
    ...rest,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
