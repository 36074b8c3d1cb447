// Shared by start, dev and test: make sure pnpm, the dependencies and (optionally) the web and server builds
// exist, so that a fresh machine with only Node and npm needs one command.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];

/** The pnpm command: the installed one when it is the pinned version, otherwise through npx. */
export function pnpmCommand() {
  try {
    const v = execFileSync('pnpm', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (v === pnpmVersion) return ['pnpm'];
  } catch {
    // not installed
  }
  return ['npx', '--yes', `pnpm@${pnpmVersion}`];
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  return result.status ?? 1;
}

export function pnpm(args, options) {
  const [command, ...pre] = pnpmCommand();
  return run(command, [...pre, ...args], options);
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'build' || entry === 'dist' || entry === '.svelte-kit') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Installs dependencies from the lockfile when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(join(root, 'pnpm-lock.yaml')).mtimeMs) return 0;
  console.log('Installing dependencies (first run takes a minute or two)…');
  return pnpm(['install', '--frozen-lockfile']);
}

/** Builds the web app when its build is missing or older than any source it depends on. */
export function ensureWebBuild({ force = false } = {}) {
  const handler = join(root, 'apps', 'web', 'build', 'handler.js');
  const built = existsSync(handler) ? statSync(handler).mtimeMs : 0;
  const sources = Math.max(newestMtime(join(root, 'apps', 'web')), newestMtime(join(root, 'packages')));
  if (!force && built > sources) return 0;
  console.log('Building the web app…');
  return pnpm(['--filter', '@vrijuit/web', 'build']);
}

/** The built server `npm start` runs (apps/server/build.mjs makes it). */
export const serverEntry = join(root, 'apps', 'server', 'dist', 'main.js');

/**
 * Builds the server (a bundle of apps/server and the workspace packages, ~0.3 s) when the bundle is missing
 * or older than anything it is made of: the server's sources, the packages, their manifests, the lockfile.
 */
export function ensureServerBuild({ force = false } = {}) {
  const built = existsSync(serverEntry) ? statSync(serverEntry).mtimeMs : 0;
  const server = join(root, 'apps', 'server');
  const sources = Math.max(
    newestMtime(join(server, 'src')),
    newestMtime(join(server, 'build.mjs')),
    newestMtime(join(server, 'package.json')),
    newestMtime(join(root, 'packages')),
    newestMtime(join(root, 'pnpm-lock.yaml')),
  );
  if (!force && built > sources) return 0;
  return run(process.execPath, [join(server, 'build.mjs')]);
}
