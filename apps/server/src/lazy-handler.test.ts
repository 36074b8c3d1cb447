import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyHandler, type Handler } from './lazy-handler.ts';

let server: Server | null = null;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = null;
});

/** A real HTTP server on a free loopback port, serving `handle`. */
async function serve(handle: Handler): Promise<string> {
  server = createServer(handle);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A load the test finishes (or fails) when it chooses; `calls` counts how often it was started. */
function heldLoad() {
  let finish!: (handler: Handler) => void;
  let fail!: (error: Error) => void;
  const state = { calls: 0 };
  const load = () => {
    state.calls++;
    return new Promise<Handler>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return { load, state, finish: (h: Handler) => finish(h), fail: (e: Error) => fail(e) };
}

const hello: Handler = (req, res) => res.end(`served ${req.url}`);

describe('PR6 the HTTP routes load after the port is open', () => {
  it('PR6 a request that comes before the load has finished waits for it and is served, none refused', async () => {
    const held = heldLoad();
    const lazy = lazyHandler(held.load);
    const url = await serve(lazy.handle);
    // Sent while nothing is loaded: the first request starts the load, the others share it.
    const answers = Promise.all(['/a', '/b', '/c'].map((path) => fetch(url + path).then((r) => r.text())));
    await expect.poll(() => held.state.calls).toBe(1);
    held.finish(hello);
    expect(await answers).toEqual(['served /a', 'served /b', 'served /c']);
    // Loaded: served at once, and the load never runs again.
    await lazy.load();
    expect(await (await fetch(`${url}/d`)).text()).toBe('served /d');
    expect(held.state.calls).toBe(1);
  });

  it('PR6 load() started by the server after listening is the one load; a failed load answers 500 and rejects load()', async () => {
    const held = heldLoad();
    const lazy = lazyHandler(held.load);
    const url = await serve(lazy.handle);
    const loading = lazy.load();
    const answer = fetch(`${url}/x`);
    await expect.poll(() => held.state.calls).toBe(1);
    held.fail(new Error('broken build'));
    await expect(loading).rejects.toThrow('broken build');
    const response = await answer;
    expect(response.status).toBe(500);
    expect(held.state.calls).toBe(1);
  });

  it('PR6 under express, a failed load goes to next(error)', async () => {
    const held = heldLoad();
    const lazy = lazyHandler(held.load);
    const passed = new Promise<unknown>((resolve) =>
      lazy.handle({} as never, { headersSent: false } as never, (error) => resolve(error)),
    );
    held.fail(new Error('no handler'));
    expect(await passed).toBeInstanceOf(Error);
  });
});
