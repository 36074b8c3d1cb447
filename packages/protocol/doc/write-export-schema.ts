import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderExportSchema } from './render-export-schema.ts';

const target = fileURLToPath(new URL('../../../docs/export-schema.json', import.meta.url));
writeFileSync(target, renderExportSchema());
console.log(`wrote ${target}`);
