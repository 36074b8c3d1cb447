// `npm test`: every gate for every workspace (format, lint, typecheck, unit + integration tests, the
// server's integration tests again on PostgreSQL, end-to-end tests in Chromium), then one closing line
// `N passed, N failed`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, ensureWebBuild, pnpm, root } from './toolchain.mjs';

const out = join(root, '.test-output');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

function gate(name, status) {
  if (status === 0) passed++;
  else {
    failed++;
    failures.push(name);
  }
  console.log(`\n[${status === 0 ? 'pass' : 'FAIL'}] ${name}\n`);
}

/**
 * System packages the tests need, from Debian (never a download of their own): Chromium for the browser
 * tests; LibreOffice (Writer, headless), poppler's pdftotext and unzip, with which the export tests read
 * the DOCX, PDF and CSV files back; nginx and Caddy, in front of real servers for docs/deploy.md's recipes;
 * openssl, for the TLS tests' throwaway certificate; PostgreSQL, which the store contract tests and the
 * integration suite on PostgreSQL start in a temporary folder (its binaries live in /usr/lib/postgresql/<version>/bin, not on PATH); redis-server, which
 * the cluster test starts on a loopback port without persistence. The tests fail, never skip, without them.
 * Installed when missing and we are root; otherwise the missing ones are named.
 */
const SYSTEM_PACKAGES = [
  { command: 'chromium', path: '/usr/bin/chromium', pkg: 'chromium' },
  { command: 'soffice', pkg: 'libreoffice-writer-nogui' },
  { command: 'pdftotext', pkg: 'poppler-utils' },
  { command: 'unzip', pkg: 'unzip' },
  { command: 'nginx', path: '/usr/sbin/nginx', pkg: 'nginx' },
  { command: 'caddy', path: '/usr/bin/caddy', pkg: 'caddy' },
  { command: 'openssl', pkg: 'openssl' },
  { command: 'postgres', present: hasPostgres, pkg: 'postgresql' },
  { command: 'redis-server', path: '/usr/bin/redis-server', pkg: 'redis-server' },
];

function hasPostgres() {
  const root = '/usr/lib/postgresql';
  return existsSync(root) && readdirSync(root).some((version) => existsSync(join(root, version, 'bin', 'postgres')));
}

function hasCommand(command, path) {
  if (path && existsSync(path)) return true;
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function ensureSystemPackages() {
  const missing = SYSTEM_PACKAGES.filter((p) => !(p.present ? p.present() : hasCommand(p.command, p.path))).map(
    (p) => p.pkg,
  );
  if (missing.length === 0) return 0;
  if (process.getuid?.() !== 0) {
    console.error(`Missing system packages: install the Debian packages ${missing.join(', ')} (apt-get install -y …).`);
    return 1;
  }
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
    return 0;
  } catch {
    return 1;
  }
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

const system = ensureSystemPackages();
if (system !== 0) gate(`system packages (${SYSTEM_PACKAGES.map((p) => p.pkg).join(', ')})`, system);

if (ensureDependencies() !== 0) {
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}

gate('format (prettier --check)', pnpm(['exec', 'prettier', '--check', '.']));
gate('lint (eslint)', pnpm(['exec', 'eslint', '.']));
gate('typecheck (tsc + svelte-check)', pnpm(['run', 'typecheck']));

/** A vitest run (`args` after `vitest run`) whose every test counts, its report in .test-output/`name`.json. */
function vitestRun(name, args = []) {
  const json = join(out, `${name}.json`);
  const status = pnpm([
    'exec',
    'vitest',
    'run',
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${json}`,
  ]);
  const report = readJson(json);
  if (report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    if (report.numFailedTests > 0) failures.push(name);
  }
  if (status !== 0 && (!report || report.numFailedTests === 0)) gate(`${name} run`, status);
}

// Unit and integration tests: each test counts.
vitestRun('vitest');
// The server's integration tests again with their servers on PostgreSQL (vitest.postgres.config.ts,
// docs/scale-out.md), one PostgreSQL for the run from Debian's package (above).
vitestRun('vitest-postgres', ['--config', 'vitest.postgres.config.ts']);

// End-to-end: the built app in Debian's Chromium.
const buildStatus = ensureWebBuild({ force: true });
gate('web build', buildStatus);
if (buildStatus === 0 && system === 0) {
  const e2eJson = join(out, 'playwright.json');
  const e2eStatus = pnpm(['exec', 'playwright', 'test', '--reporter=list,json'], {
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson },
  });
  const e2e = readJson(e2eJson);
  if (e2e) {
    passed += e2e.stats.expected + e2e.stats.flaky;
    failed += e2e.stats.unexpected;
    if (e2e.stats.unexpected > 0) failures.push('playwright');
  }
  if (e2eStatus !== 0 && (!e2e || e2e.stats.unexpected === 0)) gate('playwright run', e2eStatus);
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
