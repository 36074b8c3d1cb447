import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** CL4: the cluster key's length: AES-256. */
export const CLUSTER_KEY_BYTES = 32;

/**
 * CL4: what one process sends another through Redis (a forwarded command with who sent it, its answer)
 * is sealed with the cluster key (AES-256-GCM, a random nonce per message), so Redis, and whoever reads
 * its memory or its traffic, holds only ciphertext. The key is given to each process (CLUSTER_KEY), never
 * written to Redis or PostgreSQL. `context` (the channel) is authenticated with it: a sealed message
 * replayed on another channel does not open.
 */
export class ClusterSeal {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== CLUSTER_KEY_BYTES) throw new Error(`the cluster key must be ${CLUSTER_KEY_BYTES} bytes`);
    this.#key = key;
  }

  seal(value: unknown, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  /** The value sealed for `context`; throws when the message was not sealed with this key for it. */
  open(sealed: string, context: string): unknown {
    const bytes = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const body = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    return JSON.parse(body.toString('utf8')) as unknown;
  }
}
