import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../log.ts';
import { CommandRelay, type ForwardedCommand, type GoneNotice, type RelayRedis } from './command-relay.ts';
import { ClusterSeal } from './seal.ts';

const command: ForwardedCommand = {
  sessionId: 's1',
  name: 'vote:cast',
  input: {},
  identity: null,
  account: null,
  address: '127.0.0.1',
  socketId: 'socket-1',
  routingKey: 's1',
};

/** A relay whose Redis answers `publish` as given; nothing is ever delivered. */
function relayWith(publish: RelayRedis['publish']): CommandRelay {
  const redis: RelayRedis = { publish, subscribe: async () => undefined, unsubscribe: async () => undefined };
  return new CommandRelay({
    self: 'me',
    seal: new ClusterSeal(randomBytes(32)),
    publisher: redis,
    subscriber: redis,
    ownerOf: async () => 'other',
    ownerCacheMs: 1000,
    answerTimeoutMs: 60_000,
    log: createLogger('silent'),
  });
}

describe('CL3 a command the owner cannot be sent runs here', () => {
  it('CL3 nobody listening on the owner channel, or Redis out of reach: forward answers null at once (the command runs where it came)', async () => {
    await expect(relayWith(async () => 0).forward(command)).resolves.toBeNull();
    await expect(
      relayWith(async () => {
        throw new Error('connection refused');
      }).forward(command),
    ).resolves.toBeNull();
  });
});

/** Redis pub/sub in memory: what one relay publishes reaches every listener of the channel at once. */
function pubSub(): RelayRedis {
  const listeners = new Map<string, ((message: string) => void)[]>();
  return {
    publish: async (channel, message) => {
      const heard = listeners.get(channel) ?? [];
      for (const listener of heard) listener(message);
      return heard.length;
    },
    subscribe: async (channel, listener) => listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
    unsubscribe: async () => undefined,
  };
}

describe('CL7 a connection that leaves after a move is told to the new owner', () => {
  it("CL7 a process that answered the new owner's roll call sends a leaving connection's notice there, not to the owner it remembered", async () => {
    const redis = pubSub();
    const seal = new ClusterSeal(randomBytes(32));
    const gone = new Map<string, GoneNotice[]>();
    const relay = (self: string) => {
      const r = new CommandRelay({
        self,
        seal,
        publisher: redis,
        subscriber: redis,
        // PostgreSQL as the third process last saw it: A held the session (an hour of trust: never asked again).
        ownerOf: async () => 'A',
        ownerCacheMs: 3_600_000,
        answerTimeoutMs: 1000,
        log: createLogger('silent'),
      });
      gone.set(self, []);
      return r
        .start({
          serve: async () => null,
          gone: (notice) => gone.get(self)!.push(notice),
          roll: () => [{ socketId: 'socket-1', participantId: 'p1' }],
          here: () => undefined,
        })
        .then(() => r);
    };
    const [, b, c] = await Promise.all([relay('A'), relay('B'), relay('C')]);
    b.gone({ sessionId: 's1', socketId: 'socket-0' });
    await vi.waitFor(() => expect(gone.get('A')).toHaveLength(1));
    // C took the session and called the roll; B answered with its phone, which then leaves.
    c.rollCall('s1');
    b.gone({ sessionId: 's1', socketId: 'socket-1' });
    await vi.waitFor(() => expect(gone.get('C')).toEqual([{ sessionId: 's1', socketId: 'socket-1' }]));
    expect(gone.get('A')).toHaveLength(1);
  });
});
