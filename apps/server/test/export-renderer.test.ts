import { fork } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureInput, fixtureSession } from '@vrijuit/core/export-fixture';
import { ExportRenderer } from '../src/export/export-renderer.ts';
import { createLogger } from '../src/log.ts';
import { exportWorkersOf, running } from './processes.ts';
import { until } from './yjs-clients.ts';

/*
 * P5: the export worker is a process of the server's own. A worker that dies fails its job and the next
 * job gets a new one; a server that dies takes its worker with it; a stopped renderer leaves none.
 */

const renderers: ExportRenderer[] = [];
afterEach(async () => {
  await Promise.all(renderers.splice(0).map((r) => r.close()));
});
const renderer = () => {
  const made = new ExportRenderer(createLogger('silent'));
  renderers.push(made);
  return made;
};

describe.runIf(process.platform === 'linux')('SE10 the export worker process', () => {
  it('SE10 P5 a worker killed in the middle of a job fails that job with the reason, and the next job gets a new worker', async () => {
    const exports = renderer();
    await exports.render(fixtureSession(), fixtureInput(), 'json');
    const [first] = exportWorkersOf(process.pid);
    expect(first).toBeDefined();
    const job = exports.render(fixtureSession(), fixtureInput(), 'pdf');
    process.kill(first!, 'SIGKILL');
    // Its exit, or a slice sent after it (the channel closed), whichever the server hears first.
    await expect(job).rejects.toThrow(/export worker (exited \(SIGKILL\)|failed)/);
    const again = await exports.render(fixtureSession(), fixtureInput(), 'json');
    expect(JSON.parse(Buffer.from(again.bytes).toString('utf8'))).toHaveProperty('session');
    const workers = exportWorkersOf(process.pid);
    expect(workers).toHaveLength(1);
    expect(workers[0]).not.toBe(first);
  });

  it('SE10 P5 closing the renderer ends its worker, and a job asked after that is refused', async () => {
    const exports = renderer();
    await exports.render(fixtureSession(), fixtureInput(), 'json');
    const [worker] = exportWorkersOf(process.pid);
    await exports.close();
    expect(running(worker!)).toBe(false);
    expect(exportWorkersOf(process.pid)).toEqual([]);
    await expect(exports.render(fixtureSession(), fixtureInput(), 'json')).rejects.toThrow(/closed/);
  });

  it('SE10 P5 a server killed with SIGKILL takes its export worker with it: no process is left rendering for nobody', async () => {
    const server = fork(join(import.meta.dirname, 'export-orphan-child.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const { workers } = await new Promise<{ workers: number[] }>((resolve, reject) => {
      server.once('message', (message) => resolve(message as { workers: number[] }));
      server.once('exit', (code) => reject(new Error(`the stand-in server exited (${code}) before it rendered`)));
    });
    expect(workers).toHaveLength(1);
    expect(running(workers[0]!)).toBe(true);
    server.kill('SIGKILL');
    await until(() => !running(workers[0]!), 10_000);
  });
});
