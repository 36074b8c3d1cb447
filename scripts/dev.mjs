// `npm run dev`: the realtime server with reload on change, and vite's dev server (hot reload) in front.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureDependencies, pnpmCommand, root } from './toolchain.mjs';

if (ensureDependencies() !== 0) process.exit(1);
const apiPort = process.env.VRIJUIT_API_PORT ?? '3001';
const env = { ...process.env, PORT: apiPort, HOST: '127.0.0.1', VRIJUIT_API_PORT: apiPort };
const [pnpm, ...pre] = pnpmCommand();
const children = [
  spawn(
    join(root, 'apps', 'server', 'node_modules', '.bin', 'tsx'),
    ['watch', '--clear-screen=false', 'apps/server/src/main.ts'],
    {
      cwd: root,
      env,
      stdio: 'inherit',
    },
  ),
  spawn(pnpm, [...pre, '--filter', '@vrijuit/web', 'dev', '--host'], { cwd: root, env, stdio: 'inherit' }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', stop);
