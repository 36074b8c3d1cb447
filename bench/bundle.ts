/**
 * A bench script bundled to plain JavaScript (esbuild, as apps/server/build.mjs builds the server), so a
 * child starts and runs the way Vrijuit's dist/main.js does: node alone, no tsx loader compiling
 * TypeScript at start, and none of the tsx transform's `keepNames` helper calls (`__name`) on every closure
 * made, which the production build does not have.
 *
 * - `bundle(script)`: a floor (node builtins only, npm packages through bench/bare-io.ts, which loads
 *   socket.io from apps/server); written to a temporary directory.
 * - `bundleServer(script)`: a Vrijuit bench child (bench/vrijuit-server.ts and the like): our code and the
 *   workspace packages bundled, npm packages left to node, which resolves them from apps/server (the
 *   bundle is written to apps/server/.bench-build/, removed at exit).
 *
 * In a floor's bundle `import.meta.url` stays the source file's, so its paths still resolve; in a server
 * child's it is the bundle's own, as in dist/main.js (the server finds better-sqlite3 from it).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Plugin = {
  name: string;
  setup(build: { onResolve(o: { filter: RegExp }, f: (a: { path: string }) => unknown): void }): void;
};
const esbuild = createRequire(new URL('../apps/server/package.json', import.meta.url))('esbuild') as {
  buildSync(options: Record<string, unknown>): unknown;
  build(options: Record<string, unknown>): Promise<unknown>;
};

function options(script: string, dir: string): { out: string; options: Record<string, unknown> } {
  const source = new URL(script, import.meta.url);
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, `${basename(script, '.ts')}.mjs`);
  const options = {
    entryPoints: [fileURLToPath(source)],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    packages: 'external',
    define: { 'import.meta.url': JSON.stringify(source.href) },
    logLevel: 'warning',
  };
  return { out, options };
}

/** Bundles the floor `bench/<script>` into a fresh temporary directory; returns the .mjs file's path. */
export function bundle(script: string): string {
  const { out, options: o } = options(script, mkdtempSync(join(tmpdir(), 'vrijuit-bench-built-')));
  esbuild.buildSync(o);
  return out;
}

/** npm packages stay imports node resolves; the workspace's @vrijuit/* packages (TypeScript source) are bundled. */
const npmExternal: Plugin = {
  name: 'npm-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@vrijuit/') ? undefined : { external: true }));
  },
};

/** Bundles the Vrijuit bench child `bench/<script>` into apps/server/.bench-build/; returns the .mjs file's path. */
export async function bundleServer(script: string): Promise<string> {
  const parent = fileURLToPath(new URL('../apps/server/.bench-build/', import.meta.url));
  mkdirSync(parent, { recursive: true });
  const { out, options: o } = options(script, mkdtempSync(join(parent, 'run-')));
  await esbuild.build({ ...o, packages: undefined, define: {}, plugins: [npmExternal] });
  return out;
}
