import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { ClusterSeal } from './seal.ts';
import type { RelayRedis } from './command-relay.ts';
import type { AddressRedis } from './process-addresses.ts';
import { redisRoundKeyShare } from './round-key-share.ts';
import type { RoundKeyShare } from '../store/round-keys.ts';
import type { Logger } from '../log.ts';

/**
 * CL1: how long the adapter's Redis stream is kept (entries; trimmed almost exactly). The stream carries
 * room-wide views (what the room's screens show anyway) and socket bookkeeping for a few seconds of traffic;
 * Redis runs without persistence (docs/deploy.md), so nothing of it reaches a disk.
 */
const STREAM_MAX_LEN = 1000;

/** A process's link to the others of its cluster through Redis (REDIS_URL), with the cluster key (CLUSTER_KEY). */
export interface ClusterLink {
  /** The socket.io adapter (Redis streams): a room's emit reaches every process's sockets in it. */
  adapter: ReturnType<typeof createAdapter>;
  publisher: RelayRedis & AddressRedis;
  subscriber: RelayRedis;
  seal: ClusterSeal;
  /** CL6: where the others reach this process (CLUSTER_ADDRESS), or null for its own loopback address. */
  address: string | null;
  /** CL9: open rounds' keys for a session's next owner on another machine. */
  roundKeys: RoundKeyShare;
  close(): Promise<void>;
}

/** Connects to Redis (two connections: one publishes and runs the adapter, one listens). */
export async function openClusterLink(
  url: string,
  key: Buffer,
  address: string | null,
  log: Logger,
): Promise<ClusterLink> {
  // node-redis reconnects by itself; meanwhile forwarded commands run here (CL2) and views stay local.
  const report = (error: unknown) => log.error('redis connection', { error: String(error) });
  const seal = new ClusterSeal(key);
  const publisher = createClient({ url });
  publisher.on('error', report);
  await publisher.connect();
  const subscriber = publisher.duplicate();
  subscriber.on('error', report);
  await subscriber.connect();
  return {
    adapter: createAdapter(publisher, { maxLen: STREAM_MAX_LEN }),
    publisher,
    subscriber,
    seal,
    address,
    roundKeys: redisRoundKeyShare(publisher, seal),
    close: async () => {
      await Promise.allSettled([subscriber.close(), publisher.close()]);
    },
  };
}
