/**
 * A bench script bundled to plain JavaScript (esbuild, as apps/server/build.mjs builds the server), so a
 * floor starts the way Vrijuit's dist/main.js does: node alone, no tsx loader compiling TypeScript at
 * start. Node builtins only (the script must import no npm package but through bench/bare-io.ts, which
 * loads socket.io from apps/server); `import.meta.url` stays the source file's, so its paths still resolve.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const { buildSync } = createRequire(new URL('../apps/server/package.json', import.meta.url))('esbuild') as {
  buildSync(options: Record<string, unknown>): unknown;
};

/** Bundles `bench/<script>` into a fresh temporary directory; returns the .mjs file's path. */
export function bundle(script: string): string {
  const source = new URL(script, import.meta.url);
  const dir = mkdtempSync(join(tmpdir(), 'vrijuit-bench-built-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'server.mjs');
  buildSync({
    entryPoints: [fileURLToPath(source)],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    packages: 'external',
    define: { 'import.meta.url': JSON.stringify(source.href) },
    logLevel: 'warning',
  });
  return out;
}
