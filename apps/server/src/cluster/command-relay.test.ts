import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../log.ts';
import { CommandRelay, type ForwardedCommand, type RelayRedis } from './command-relay.ts';
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
