/**
 * The reverse proxies of docs/deploy.md's recipes, started by the tests from Debian's packages (`npm test`
 * installs them as root, scripts/test.mjs): nginx and Caddy, each in a folder of its own with its
 * configuration, logs and state there, listening where the test says; and what the tests ask through them
 * (HTTPS requests and a /yjs WebSocket, trusting only the test certificate). Fails, never skips, when a
 * proxy is missing or does not start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import WebSocket from 'ws';
import { freePort, listening } from './ports.ts';

/** Replaces `from` in a recipe's `text`, failing when the recipe (`source`) no longer has it (the test would drift). */
export function replaced(text: string, from: string, to: string, source: string): string {
  if (!text.includes(from)) throw new Error(`${source} no longer has "${from}"`);
  return text.replace(from, to);
}

export interface RunningProxy {
  /** The port it listens on (on the host given to start it). */
  readonly port: number;
  /** A file of its folder (its logs), or '' while there is none. */
  read(file: string): string;
  stop(): Promise<void>;
}

/** Debian puts nginx in /usr/sbin, which a user's PATH may lack. */
const NGINX = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';

/**
 * nginx (one process, in the foreground) with `http(port)` as its `http` block's content, where `port` is a
 * free one on `host` for it to listen on; resolves once it does. No access log unless `http` asks for one.
 */
export async function startNginx(dir: string, host: string, http: (port: number) => Promise<string[]>) {
  mkdirSync(dir, { recursive: true });
  const port = await freePort(host);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${join(dir, t)};`);
  const conf = join(dir, 'nginx.conf');
  const lines = await http(port);
  writeFileSync(
    conf,
    [
      'daemon off;',
      'master_process off;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'error.log')} warn;`,
      'events { worker_connections 256; }',
      'http {',
      '  access_log off;',
      ...temp,
      ...lines,
      '}',
    ].join('\n'),
  );
  const child = spawn(NGINX, ['-p', dir, '-c', conf, '-e', join(dir, 'error.log')], { stdio: 'ignore' });
  return started(child, 'nginx (apt-get install nginx)', dir, 'error.log', host, port);
}

/**
 * Caddy (`caddy run`) with `caddyfile(port)` as its Caddyfile, where `port` is a free one on `host` for its
 * site to listen on; its admin endpoint off and its state (certificates, autosave) in `dir`; resolves
 * once it listens. Its own log (errors, and what the Caddyfile's global options add) goes to caddy.log.
 */
export async function startCaddy(dir: string, host: string, caddyfile: (port: number) => Promise<string>) {
  mkdirSync(dir, { recursive: true });
  const port = await freePort(host);
  const conf = join(dir, 'Caddyfile');
  writeFileSync(conf, await caddyfile(port));
  const env = { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config') };
  const child = spawn('caddy', ['run', '--config', conf, '--adapter', 'caddyfile'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
  const proxy = await started(child, 'caddy (apt-get install caddy)', dir, '', host, port, () => stderr);
  return proxy;
}

async function started(
  child: ChildProcess,
  name: string,
  dir: string,
  errorLog: string,
  host: string,
  port: number,
  output = () => '',
): Promise<RunningProxy> {
  const read = (file: string) => {
    try {
      return readFileSync(join(dir, file), 'utf8');
    } catch {
      return '';
    }
  };
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`cannot start ${name}: ${error.message}`)));
    child.once('exit', (code) =>
      reject(new Error(`${name} exited (${code}): ${errorLog ? read(errorLog) : ''}${output()}`)),
    );
  });
  try {
    await Promise.race([listening(host, port, name), failed]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  failed.catch(() => {}); // its exit on stop() is no failure
  return {
    port,
    read,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** An HTTPS request to `url`, trusting only `ca`; a JSON `body` is sent as such. */
export function httpsRequest(
  url: string,
  ca: Buffer,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const headers = { ...(body ? { 'content-type': 'application/json' } : {}), ...init.headers };
    const req = request(url, { method: init.method ?? 'GET', headers, ca }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A /yjs WebSocket at `url` (wss://…/yjs/<session>/<text>), trusting only `ca`: resolves, open, once the
 * server answered its sync step 1 (an empty document's) with its sync step 2, so the upgrade went through.
 */
export function yjsEditor(url: string, ca: Buffer, cookie: string): Promise<WebSocket> {
  const ws = new WebSocket(url, { ca, headers: { cookie } });
  return new Promise((resolve, reject) => {
    ws.on('message', (data: Buffer) => {
      // Sync step 2 (0, 1): the server answered our sync step 1.
      if (data[0] === 0 && data[1] === 1) resolve(ws);
    });
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once('open', () => ws.send(Uint8Array.from([0, 0, 1, 0])));
  });
}
