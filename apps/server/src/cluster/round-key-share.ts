import { SESSION_KEY_SLOT, type RoundKeyShare } from '../store/round-keys.ts';
import type { ClusterSeal } from './seal.ts';

/** The subset of a `redis` client the share uses. */
export interface KeyShareRedis {
  hSet(key: string, field: string, value: string): Promise<unknown>;
  hGet(key: string, field: string): Promise<string | null | undefined>;
  hDel(key: string, field: string): Promise<unknown>;
  del(key: string): Promise<unknown>;
  pExpire(key: string, ms: number): Promise<unknown>;
}

/**
 * CL9: a share left behind by a process that died between a close and its scrub goes by itself after this
 * long (it holds only ciphertext meanwhile); an open round's share is renewed with each new round's key.
 */
export const SHARE_TTL_MS = 7 * 24 * 3600 * 1000;

const hashOf = (sessionId: string) => `vrijuit:round-keys:${sessionId}`;
/** LC7: a session's own key lives as long as the session (no expiry), in a hash of its own. */
const sessionHashOf = (sessionId: string) => `vrijuit:session-key:${sessionId}`;
const placeOf = (sessionId: string, roundId: string) =>
  roundId === SESSION_KEY_SLOT ? sessionHashOf(sessionId) : hashOf(sessionId);
const contextOf = (sessionId: string, roundId: string) => `${hashOf(sessionId)}/${roundId}`;

/**
 * CL9 (AN25 across machines): an open round's key, sealed with the cluster key (CL4) and bound to its
 * session and round, in Redis's memory (no persistence: docs/deploy.md), one hash per session, so the
 * session's next owner on another machine opens the round's sealed inputs. Forgotten at the close. The
 * session's own key (LC7, sealed-cells.ts) likewise, for as long as the session exists (any process reads
 * its sealed cells: its title for a join, its state when it takes the session over); forgotten at its
 * delete.
 */
export function redisRoundKeyShare(redis: KeyShareRedis, seal: ClusterSeal): RoundKeyShare {
  return {
    async put(sessionId, roundId, key) {
      const hash = placeOf(sessionId, roundId);
      await redis.hSet(hash, roundId, seal.seal(key.toString('base64'), contextOf(sessionId, roundId)));
      if (roundId !== SESSION_KEY_SLOT) await redis.pExpire(hash, SHARE_TTL_MS);
    },
    async get(sessionId, roundId) {
      const sealed = await redis.hGet(placeOf(sessionId, roundId), roundId);
      if (!sealed) return null;
      return Buffer.from(seal.open(sealed, contextOf(sessionId, roundId)) as string, 'base64');
    },
    async drop(sessionId, roundId) {
      if (roundId === null) {
        await redis.del(hashOf(sessionId));
        await redis.del(sessionHashOf(sessionId));
      } else await redis.hDel(placeOf(sessionId, roundId), roundId);
    },
  };
}
