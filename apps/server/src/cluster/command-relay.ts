import type { Ack, CommandName } from '@vrijuit/protocol';
import type { SignedIn } from '../auth/auth.ts';
import type { HandlerResult, Identity } from '../handler-kit.ts';
import type { Logger } from '../log.ts';
import { randomId } from '../secrets.ts';
import type { ClusterSeal } from './seal.ts';

/** A command a process forwards to its session's owner (CL2): what the handler needs of the connection. */
export interface ForwardedCommand {
  sessionId: string;
  name: CommandName;
  /** Parsed by the sender (zod, realtime.ts): the owner runs the handler on it as is. */
  input: unknown;
  identity: Identity | null;
  account: SignedIn | null;
  address: string;
  /** The phone's socket, on the sender: the owner's `inputs:stored` reach it by its id (AN14). */
  socketId: string;
  routingKey: string | null;
}

/** The owner's answer: the ack, and who the connection now is (the sender adopts it). */
export type ForwardedAnswer = Pick<HandlerResult<unknown>, 'ack' | 'identity' | 'waitingAt'>;

/** CL3: the owner no longer holds the session (it moved): the sender asks again who does. */
type Reply = { owner: true; answer: ForwardedAnswer } | { owner: false };

/** A connection of a session served elsewhere left, or became someone else: the owner stops counting it. */
export interface GoneNotice {
  sessionId: string;
  socketId: string;
}

/** CL7: a process's participant connections in a session another process now owns (an answer to a roll call). */
export interface HereNotice {
  sessionId: string;
  /** The process the connections sit on (the owner stops counting them when it stops, CL8). */
  from: string;
  connections: { socketId: string; participantId: string }[];
}

type Message =
  | { t: 'cmd'; id: string; from: string; cmd: ForwardedCommand }
  | { t: 're'; id: string; reply: Reply }
  | { t: 'gone'; notice: GoneNotice }
  | { t: 'roll'; from: string; sessionId: string }
  | { t: 'here'; notice: HereNotice };

/** What a process answers the others with (realtime.ts). */
export interface RelayHandlers {
  /** Runs a forwarded command sent by process `from`; null when this process does not hold its session. */
  serve(cmd: ForwardedCommand, from: string): Promise<ForwardedAnswer | null>;
  /** A forwarded connection left its process. */
  gone(notice: GoneNotice): void;
  /** CL7: this process's participant connections in `sessionId` (another process took it). */
  roll(sessionId: string): HereNotice['connections'];
  /** CL7: the answer to this process's roll call. */
  here(notice: HereNotice): void;
}

/** The subset of a `redis` client the relay uses (a connected client, and one it subscribes with). */
export interface RelayRedis {
  publish(channel: string, message: string): Promise<number>;
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  unsubscribe(channel?: string): Promise<unknown>;
}

export interface RelayOptions {
  /** This process's id: its lease owner id (PL1), which names its channel. */
  self: string;
  seal: ClusterSeal;
  publisher: RelayRedis;
  subscriber: RelayRedis;
  /** The process that holds the session's live lease, or null (PostgreSQL, `PgLeases.ownerOf`). */
  ownerOf(sessionId: string): Promise<string | null>;
  /** How long an owner is trusted without asking again (ms), and how long an answer is waited for. */
  ownerCacheMs: number;
  answerTimeoutMs: number;
  log: Logger;
}

/** The Redis channel a process listens on for commands, answers and notices (Redis pub/sub: nothing stored). */
export const channelOf = (processId: string) => `vrijuit:process:${processId}`;
/** CL7: the channel every process listens on, for roll calls. */
export const ALL_PROCESSES = 'vrijuit:processes';

/**
 * Issue 18 item 4 (SPEC CL1-CL5): one session's connections on any process. A process that gets a command
 * for a session another live process owns sends it to that owner over Redis pub/sub, sealed (CL4), and
 * hands the owner's answer to its connection as the ack; the owner runs it through the same handler path
 * as its own connections' commands. Pub/sub stores nothing in Redis: a message not delivered is not
 * waited for long, and the command runs here instead (the lease's wait, PL6), which is safe because every
 * command is idempotent by its id (VO4): a command the owner did commit answers the same ack here.
 */
export class CommandRelay {
  readonly #options: RelayOptions;
  readonly #channel: string;
  /**
   * Who owns each session, as last asked: the question itself is kept, so the commands of one connection
   * that wait for it are sent in the order they came (a phone's second vote must not overtake its first).
   */
  readonly #owners = new Map<string, { owner: Promise<string | null>; at: number }>();
  readonly #waiting = new Map<string, (reply: Reply) => void>();
  #handlers: RelayHandlers | null = null;

  constructor(options: RelayOptions) {
    this.#options = options;
    this.#channel = channelOf(options.self);
  }

  /** Listens on this process's channel and the roll calls' one, answering with `handlers`. */
  async start(handlers: RelayHandlers): Promise<void> {
    this.#handlers = handlers;
    await this.#options.subscriber.subscribe(this.#channel, (sealed) => this.#receive(sealed, this.#channel));
    await this.#options.subscriber.subscribe(ALL_PROCESSES, (sealed) => this.#receive(sealed, ALL_PROCESSES));
  }

  async stop(): Promise<void> {
    await this.#options.subscriber.unsubscribe(this.#channel).catch(() => undefined);
    await this.#options.subscriber.unsubscribe(ALL_PROCESSES).catch(() => undefined);
    for (const resolve of this.#waiting.values()) resolve({ owner: false });
    this.#waiting.clear();
  }

  /**
   * CL2: the owner's answer to `cmd`, or null when this process should run it itself: no other live
   * process holds the session, or the one that does cannot be reached (not listening, or no answer in
   * time). After two moves in a row (CL3) it runs here too.
   */
  async forward(cmd: ForwardedCommand): Promise<ForwardedAnswer | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const owner = await this.#ownerOf(cmd.sessionId, attempt > 0);
      if (owner === null || owner === this.#options.self) return null;
      const id = randomId();
      const reply = new Promise<Reply | null>((resolve) => {
        const timer = setTimeout(() => {
          this.#waiting.delete(id);
          resolve(null);
        }, this.#options.answerTimeoutMs);
        this.#waiting.set(id, (r) => {
          clearTimeout(timer);
          this.#waiting.delete(id);
          resolve(r);
        });
      });
      // Redis out of reach: the command runs here (PL6 waits for the lease if the owner lives on).
      const heard = await this.#send(owner, { t: 'cmd', id, from: this.#options.self, cmd }).catch((error: unknown) => {
        this.#options.log.error('forwarding a command through Redis failed', { error: String(error) });
        return 0;
      });
      if (heard === 0) {
        this.#waiting.get(id)?.({ owner: false });
        this.#owners.delete(cmd.sessionId);
        return null;
      }
      const answered = await reply;
      if (answered === null) {
        this.#options.log.error('the owner of a session did not answer a forwarded command in time', {
          sessionId: cmd.sessionId,
        });
        this.#owners.delete(cmd.sessionId);
        return null;
      }
      if (answered.owner) return answered.answer;
      this.#owners.delete(cmd.sessionId);
    }
    return null;
  }

  /** CL6: the process that owns the session, when it is another live one (asked as commands ask), else null. */
  async otherOwner(sessionId: string): Promise<string | null> {
    const owner = await this.#ownerOf(sessionId, false);
    return owner === this.#options.self ? null : owner;
  }

  /** Tells the session's owner that a connection it counts left (not awaited; a lost notice costs a count). */
  gone(notice: GoneNotice): void {
    void this.#ownerOf(notice.sessionId, false)
      .then((owner) => (owner && owner !== this.#options.self ? this.#send(owner, { t: 'gone', notice }) : 0))
      .catch((error: unknown) =>
        this.#options.log.error('telling the owner a connection left failed', { error: String(error) }),
      );
  }

  /**
   * CL7: this process has just taken `sessionId`: every other process answers with its connections in it,
   * which this one counts from now on (not awaited; a lost roll call costs a count until they act).
   */
  rollCall(sessionId: string): void {
    const message: Message = { t: 'roll', from: this.#options.self, sessionId };
    this.#options.publisher
      .publish(ALL_PROCESSES, this.#options.seal.seal(message, ALL_PROCESSES))
      .catch((error: unknown) => this.#options.log.error('a roll call through Redis failed', { error: String(error) }));
  }

  #ownerOf(sessionId: string, fresh: boolean): Promise<string | null> {
    const known = this.#owners.get(sessionId);
    const now = Date.now();
    if (!fresh && known && now - known.at < this.#options.ownerCacheMs) return known.owner;
    const owner = this.#options.ownerOf(sessionId);
    const entry = { owner, at: now };
    this.#owners.set(sessionId, entry);
    // A failed question is not kept: the next command asks again.
    owner.catch(() => {
      if (this.#owners.get(sessionId) === entry) this.#owners.delete(sessionId);
    });
    return owner;
  }

  #send(processId: string, message: Message): Promise<number> {
    const channel = channelOf(processId);
    return this.#options.publisher.publish(channel, this.#options.seal.seal(message, channel));
  }

  #receive(sealed: string, channel: string): void {
    let message: Message;
    try {
      message = this.#options.seal.open(sealed, channel) as Message;
    } catch {
      // Not sealed with this cluster's key (another cluster on the same Redis, or forged): dropped.
      this.#options.log.error('a message on a process channel did not open with the cluster key', { channel });
      return;
    }
    if (message.t === 're') this.#waiting.get(message.id)?.(message.reply);
    else if (message.t === 'gone') this.#handlers?.gone(message.notice);
    else if (message.t === 'here') this.#handlers?.here(message.notice);
    else if (message.t === 'roll') this.#answerRoll(message);
    else void this.#answer(message);
  }

  #answerRoll({ from, sessionId }: { from: string; sessionId: string }): void {
    if (from === this.#options.self || !this.#handlers) return;
    // CL7: the caller owns the session now: a connection that leaves after this answer is told to it, not
    // to an owner remembered from before the move (whose count it no longer is).
    this.#owners.set(sessionId, { owner: Promise.resolve(from), at: Date.now() });
    const connections = this.#handlers.roll(sessionId);
    if (connections.length === 0) return;
    this.#send(from, { t: 'here', notice: { sessionId, from: this.#options.self, connections } }).catch(
      (error: unknown) => this.#options.log.error('answering a roll call failed', { error: String(error) }),
    );
  }

  async #answer({ id, from, cmd }: { id: string; from: string; cmd: ForwardedCommand }): Promise<void> {
    let reply: Reply;
    try {
      const answer = this.#handlers ? await this.#handlers.serve(cmd, from) : null;
      reply = answer ? { owner: true, answer } : { owner: false };
    } catch (error) {
      this.#options.log.error('a forwarded command failed', { command: cmd.name, error: String(error) });
      const ack: Ack<never> = {
        ok: false,
        error: { code: 'INTERNAL', message: 'the server failed; nothing was changed' },
      };
      reply = { owner: true, answer: { ack } };
    }
    await this.#send(from, { t: 're', id, reply }).catch((error: unknown) =>
      this.#options.log.error('answering a forwarded command failed', { error: String(error) }),
    );
  }
}
