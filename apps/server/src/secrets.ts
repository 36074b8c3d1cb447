import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '@vrijuit/protocol';

/** Random, not time-ordered ids (AN1): 128 bits, base64url. */
export function randomId(): string {
  return randomBytes(16).toString('base64url');
}

export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** AN3: tokens are stored only as their sha-256. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** AN1: a voter's key in one round; without the round's secret it cannot be tied to the participant. */
export function voterKey(roundSecret: string, participantId: string): string {
  return createHmac('sha256', roundSecret).update(participantId).digest('base64url');
}

export function randomJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}
