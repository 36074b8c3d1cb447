// `npm start`: install, build and start Vrijuit on the embedded SQLite store under ./data.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureDependencies, ensureWebBuild, root } from './toolchain.mjs';

if (ensureDependencies() !== 0) process.exit(1);
if (ensureWebBuild() !== 0) process.exit(1);

const tsx = join(root, 'apps', 'server', 'node_modules', '.bin', 'tsx');
const child = spawn(tsx, [join(root, 'apps', 'server', 'src', 'main.ts')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
