import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * The routing proxy in front of several server processes, as small as a test needs: every TCP connection
 * goes to the current target port; `routeTo` moves new connections (and, with `cut`, ends the open ones, as
 * a proxy does when its upstream dies). Stands for nginx's `hash $session consistent` (docs/scale-out.md).
 */
export class TcpRouter {
  readonly #server: Server;
  readonly #open = new Set<Socket>();
  #target: number;
  port = 0;

  constructor(target: number) {
    this.#target = target;
    this.#server = createServer((client) => {
      const upstream = connect(this.#target, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.#open.add(s);
        s.on('error', () => {});
        s.on('close', () => {
          this.#open.delete(s);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as { port: number }).port;
  }

  /** New connections go to `target`; with `cut`, the open ones end too (their clients reconnect there). */
  routeTo(target: number, cut = false): void {
    this.#target = target;
    if (cut) for (const s of this.#open) s.destroy();
  }

  async close(): Promise<void> {
    for (const s of this.#open) s.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
