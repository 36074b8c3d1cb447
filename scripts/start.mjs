// `npm start`: install, build and start Vrijuit on the embedded SQLite store under ./data.
// The server runs in this very process (the built JavaScript, not tsx): SIGTERM and SIGINT reach it
// directly, it stops gracefully (core PR2) and its exit code is the supervisor's to read.
import { pathToFileURL } from 'node:url';
import { ensureDependencies, ensureServerBuild, ensureWebBuild, root, serverEntry } from './toolchain.mjs';

if (ensureDependencies() !== 0) process.exit(1);
if (ensureWebBuild() !== 0) process.exit(1);
if (ensureServerBuild() !== 0) process.exit(1);

// DATA_DIR (default ./data) is relative to the repository, wherever npm was started from.
process.chdir(root);
await import(pathToFileURL(serverEntry).href);
