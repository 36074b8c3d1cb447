// Builds the server to plain JavaScript (`dist/main.js`, `dist/export-worker.js`), which `npm start` runs
// with node itself: no tsx in between to relay signals (tsx SIGKILLs its child ~60 ms after relaying a
// SIGTERM when the loop is busy, so the graceful stop never ran). Our own code is bundled (apps/server and
// the workspace packages, which ship TypeScript source) with the npm packages it uses (one copy of yjs),
// but EXTERNAL below (the native better-sqlite3, the export worker's renderers, pdfmake's font files).
// What is imported with import() (the HTTP routes with express) goes into chunks loaded after the port is
// open (issue 17, P7). Written to temporary names and renamed, chunks before the entries, so a server
// starting meanwhile never reads half a file.
import { builtinModules } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, 'dist');
const declared = new Set(Object.keys(JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).dependencies));
const builtins = new Set(builtinModules);

/** The package a bare specifier names: `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/**
 * npm packages kept out of the bundle, loaded by node from node_modules: better-sqlite3 (a native addon),
 * and what only the export worker uses (pdfmake reads its font files by path). Each must be a dependency
 * of apps/server (the built files resolve it from there).
 */
const EXTERNAL = new Set(['better-sqlite3', 'pdfmake', 'docx', 'csv-stringify', 'fflate']);

/**
 * Workspace packages and npm packages are bundled, but EXTERNAL (issue 17, P7: node resolving and loading
 * ~100 CommonJS files of socket.io, zod, yjs and their dependencies one by one was a third of the start).
 * What our code imports must be a dependency of apps/server: a missing one fails the build here.
 * y-leveldb (@y/websocket-server's optional LevelDB store, used only when YPERSISTENCE is set) is replaced
 * by src/y-leveldb-absent.ts: Vrijuit keeps Yjs documents in SQLite, and level's ~30 files stay unloaded.
 */
const ours = (importer) => !importer.includes(`${join('node_modules', '')}`);
const externals = {
  name: 'externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = packageOf(args.path);
      if (name.startsWith('@vrijuit/')) return undefined;
      if (args.path.startsWith('node:') || builtins.has(name)) return { external: true };
      if (name === 'y-leveldb') return { path: join(here, 'src', 'y-leveldb-absent.ts') };
      if (ours(args.importer) && !declared.has(name)) {
        return { errors: [{ text: `${name} (imported by ${args.importer}) is not a dependency of apps/server` }] };
      }
      return EXTERNAL.has(name) ? { external: true } : undefined;
    });
  },
};

const started = performance.now();
const result = await build({
  // Flat: the renderer finds its worker beside the bundle it runs in (src/export/export-renderer.ts).
  entryPoints: { main: join(here, 'src', 'main.ts'), 'export-worker': join(here, 'src', 'export', 'export-worker.ts') },
  outdir,
  bundle: true,
  // Issue 17, P7: what main.js imports with import() (the HTTP routes, and express with them) goes into
  // chunks loaded after the port is open. Flat beside main.js, so import.meta.url points into dist/ as before.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: 'linked',
  write: false,
  logLevel: 'warning',
  plugins: [externals],
  // CommonJS packages in an ESM bundle call require() for node's modules: give them node's own.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
// Chunks first, entries last: a server starting meanwhile finds every chunk its main.js names.
const entry = (file) => !basename(file.path).startsWith('chunk-');
const outputs = [...result.outputFiles.filter((f) => !entry(f)), ...result.outputFiles.filter(entry)];
for (const file of outputs) {
  mkdirSync(dirname(file.path), { recursive: true });
  const temporary = join(dirname(file.path), `.${basename(file.path)}.${process.pid}.tmp`);
  writeFileSync(temporary, file.contents);
  renameSync(temporary, file.path);
}
// Chunks of earlier builds go (their names carry a hash of their content).
const current = new Set(outputs.map((f) => basename(f.path)));
for (const name of readdirSync(outdir)) {
  if (name.startsWith('chunk-') && !current.has(name)) rmSync(join(outdir, name), { force: true });
}
process.stdout.write(`Built apps/server/dist in ${Math.round(performance.now() - started)} ms\n`);
