import { fixtureInput, fixtureSession } from '@vrijuit/core/export-fixture';
import { ExportRenderer } from '../src/export/export-renderer.ts';
import { createLogger } from '../src/log.ts';
import { exportWorkersOf } from './processes.ts';

/*
 * A stand-in for a server that dies (export-renderer.test.ts): it renders one export, so its worker
 * process runs, tells its parent the worker's pid and then waits to be killed.
 */
const renderer = new ExportRenderer(createLogger('silent'));
await renderer.render(fixtureSession(), fixtureInput(), 'json');
process.send?.({ workers: exportWorkersOf(process.pid) });
setInterval(() => undefined, 60_000);
