import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandNames, ErrorCode, eventNames, httpEndpoints } from '../src/index.ts';
import { renderProtocolDoc } from '../doc/render-protocol-doc.ts';

const doc = readFileSync(new URL('../../../docs/protocol.md', import.meta.url), 'utf8');

describe('docs/protocol.md', () => {
  it('is exactly what the schemas generate (run `pnpm docs:protocol` after changing a schema)', () => {
    expect(doc).toBe(renderProtocolDoc());
  });

  it('names every command, event, error code and HTTP endpoint', () => {
    for (const name of [...commandNames, ...eventNames]) expect(doc).toContain(`### \`${name}\``);
    for (const code of ErrorCode.options) expect(doc).toContain(`| \`${code}\` |`);
    for (const e of httpEndpoints) expect(doc).toContain(`${e.method} ${e.path}`);
  });
});
