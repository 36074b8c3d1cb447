import { createHmac, hash, randomBytes, randomFillSync, randomInt } from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '@vrijuit/protocol';

const ID_BYTES = 16;
/**
 * Random bytes for 256 ids, filled at once: one `randomBytes(16)` call costs ~9 µs on this machine, a
 * slice of the pool ~0.4 µs (P1: a join makes one or two ids). Node pools `randomUUID` the same way.
 */
const idPool = Buffer.alloc(ID_BYTES * 256);
let idOffset = idPool.length;

/** Random, not time-ordered ids (AN1): 128 bits, base64url. */
export function randomId(): string {
  if (idOffset === idPool.length) {
    randomFillSync(idPool);
    idOffset = 0;
  }
  const id = idPool.toString('base64url', idOffset, idOffset + ID_BYTES);
  idOffset += ID_BYTES;
  return id;
}

export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * AN3: tokens are stored only as their sha-256. One call without a Hash object: ~0.5 µs against ~1.1 µs
 * (every join and every resume hashes its phone's token, P1 and P7's reconnect storm).
 */
export function hashToken(token: string): string {
  return hash('sha256', token, 'base64url');
}

/**
 * AN11: the secret a participant's keys are made from, derived from the phone's token. The server holds
 * it in memory while the phone is connected; no file holds the token (only its sha-256, AN3), so nothing
 * on disk can make these keys again.
 */
export function participantSecret(token: string): string {
  return createHmac('sha256', token).update('vrijuit/participant-secret/v1').digest('base64url');
}

/** AN1, AN11: a participant's key in one round: unlinkable across rounds and to the participant's row. */
export function voterKey(secret: string, sessionId: string, roundId: string): string {
  return createHmac('sha256', secret).update(`voter/${sessionId}/${roundId}`).digest('base64url');
}

/**
 * A participant's voter keys in one session, each made once: a resume places its stored ballots and
 * builds its own state with the same open round's key (an HMAC each, P7's reconnect storm).
 */
export function voterKeysOf(secret: string, sessionId: string): (roundId: string) => string {
  const made = new Map<string, string>();
  return (roundId) => {
    let key = made.get(roundId);
    if (key === undefined) {
      key = voterKey(secret, sessionId, roundId);
      made.set(roundId, key);
    }
    return key;
  };
}

/**
 * AN11, AN15: the key a participant's command is recorded under. Scoped to its sender (another phone's
 * command id is a command of its own), and nothing on disk ties the record to the participant.
 */
export function participantCommandKey(secret: string, commandId: string): string {
  return `p.${createHmac('sha256', secret).update(`command/${commandId}`).digest('base64url')}`;
}

/**
 * AN14: a phone's pain point keeps its id when the phone sends it again after a server restart lost it
 * while it waited for its batch: the id is made from the command, under the participant's secret, so it
 * looks as random as `randomId` (AN9) and nothing on disk can make it.
 */
export function pointIdFor(secret: string, commandId: string): string {
  return createHmac('sha256', secret).update(`point/${commandId}`).digest('base64url').slice(0, 22);
}

export function randomJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}
