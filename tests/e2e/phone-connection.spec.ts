import { expect, test, type Page } from '@playwright/test';
import { addRound, newConsole } from './console.ts';
import { joinWith, PHONE } from './phones.ts';
import { recordChanges } from './record.ts';
import { ServerProcess } from './server-process.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

/** What a page's scripts and connections were: socket.io-client is known by engine.io's polling error text. */
function watch(page: Page) {
  const seen = { scripts: [] as Promise<string>[], sockets: [] as string[], polls: 0, pollUrls: [] as string[] };
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') seen.scripts.push(response.text().catch(() => ''));
    if (response.url().includes('transport=polling')) {
      seen.polls++;
      seen.pollUrls.push(response.url());
    }
  });
  page.on('websocket', (ws) => seen.sockets.push(ws.url()));
  return {
    seen,
    loadedSocketIoClient: async () => (await Promise.all(seen.scripts)).some((s) => s.includes('xhr poll error')),
  };
}

/** The session a console page is for, from its address (`/console/<sessionId>`). */
const sessionOf = (page: Page) => new URL(page.url()).pathname.split('/')[2]!;

test('PH7 RT1 a phone speaks socket.io over its own websocket: it joins and waits without loading socket.io-client; its one connection names its session', async ({
  browser,
}) => {
  const { page: facilitator, code } = await newConsole(browser, server.url, 'Eigen websocket');
  const context = await browser.newContext({ ...PHONE, baseURL: server.url });
  const phone = await context.newPage();
  const { seen, loadedSocketIoClient } = watch(phone);
  await joinWith(phone, code, 'RIT');
  await expect(phone.getByTestId('connection-status')).toHaveAttribute('data-connection', 'online');
  // RT1: the join page was rendered with the lookup, so the first (and only) connection carries the key.
  expect(seen.sockets.filter((url) => url.includes('/socket.io/?EIO=4&transport=websocket'))).toEqual([
    expect.stringContaining(`&session=${sessionOf(facilitator)}`),
  ]);
  expect(seen.polls).toBe(0);
  expect(await loadedSocketIoClient()).toBe(false);
  await context.close();
});

test("RT1 the console and the room's screen connect with their session as the key", async ({ browser }) => {
  const { page: facilitator } = await newConsole(browser, server.url, 'Sleutel');
  const sessionId = sessionOf(facilitator);
  for (const path of [`/present/${sessionId}`, `/console/${sessionId}`]) {
    const page = await facilitator.context().newPage();
    const { seen } = watch(page);
    await page.goto(path);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-connection', 'online');
    expect(seen.sockets.filter((url) => url.includes('/socket.io/'))).toEqual([
      expect.stringContaining(`&session=${sessionId}`),
    ]);
    await page.close();
  }
});

test('PH8 a network that refuses websockets gets long polling: the phone loads socket.io-client, joins and gets the round', async ({
  browser,
}) => {
  const { page: facilitator, code } = await newConsole(browser, server.url, 'Zonder websockets');
  const context = await browser.newContext({ ...PHONE, baseURL: server.url });
  // Like a proxy that drops the upgrade: every websocket to socket.io closes at once.
  await context.routeWebSocket(/\/socket\.io\//, (ws) => ws.close());
  const phone = await context.newPage();
  const { seen, loadedSocketIoClient } = watch(phone);
  await joinWith(phone, code, 'RIT');
  await expect(phone.getByTestId('connection-status')).toHaveAttribute('data-connection', 'online');
  expect(seen.polls).toBeGreaterThan(0);
  // RT1: the long-polling fallback names the session too (every poll, so a proxy keeps it on one process).
  expect(seen.pollUrls.every((url) => url.includes(`session=${sessionOf(facilitator)}`))).toBe(true);
  expect(await loadedSocketIoClient()).toBe(true);
  // The server's pushes come over polling too.
  await addRound(facilitator, 'Welk thema eerst?');
  await facilitator.getByTestId('round-item').first().getByTestId('round-open').click();
  await expect(phone.getByTestId('round-status')).toHaveAttribute('data-state', 'open');
  await context.close();
});

test('PH7 a server that stops pinging counts as gone: the phone says so and connects again', async ({ browser }) => {
  test.setTimeout(180_000);
  const { code } = await newConsole(browser, server.url, 'Stille lijn');
  const context = await browser.newContext({ ...PHONE, baseURL: server.url });
  // The connections open when the line dies go silent (a dead wifi that still looks open); the ones the
  // phone opens after that pass through. Not only the first: a loaded phone may have reconnected before.
  let silent = false;
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    const upstream = ws.connectToServer();
    if (silent) return;
    upstream.onMessage((message) => {
      if (!silent) ws.send(message);
    });
    // Nor does the server's close reach the phone once the line is dead.
    upstream.onClose(() => {
      if (!silent) void ws.close();
    });
  });
  const phone = await context.newPage();
  await joinWith(phone, code, 'RIT');
  const status = phone.getByTestId('connection-status');
  await expect(status).toHaveAttribute('data-connection', 'online');
  // Every state the indicator takes, in order, recorded in the page: an `offline` that lasts less than one
  // of Playwright's polls (the reconnect's backoff is 250-750 ms) is still seen.
  const states = await recordChanges(phone, 'connection-status', 'data-connection');
  silent = true;
  // engine.io's ping interval (25 s) and timeout (20 s): the phone gives up on the line within 45 s.
  // Margins for a loaded test machine: 45 s plus up to 30 s. The offline spell may be shorter than a poll
  // of the attribute (the reconnect comes 250-750 ms later), so the page's own record is what is read.
  await expect.poll(states, { timeout: 75_000 }).toContain('offline');
  await expect(status).toHaveAttribute('data-connection', 'online', { timeout: 30_000 });
  expect((await states()).at(-1)).toBe('online');
  await expect(phone.getByTestId('round-status')).toHaveAttribute('data-state', 'waiting');
  await context.close();
});

// Last in this file: it stops the server.
test('PH7 PR2 the phone acks the server’s stop notice over its own websocket', async ({ browser }) => {
  const { code } = await newConsole(browser, server.url, 'Stopteken');
  const context = await browser.newContext({ ...PHONE, baseURL: server.url });
  // The test sits between the phone and the server and keeps what the phone sends.
  const sent: string[] = [];
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    const upstream = ws.connectToServer();
    ws.onMessage((message) => {
      if (typeof message === 'string') sent.push(message);
      upstream.send(message);
    });
  });
  const phone = await context.newPage();
  await joinWith(phone, code, 'RIT');
  const stopped = server.signal('SIGTERM');
  // engine.io `4`, socket.io ACK `3`, the notice's id, no arguments.
  await expect.poll(() => sent.some((frame) => /^43\d+\[\]$/.test(frame))).toBe(true);
  expect((await stopped).code).toBe(0);
  await context.close();
});
