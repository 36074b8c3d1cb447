/** Random identifiers from the browser's CSPRNG, base64url (the alphabet the protocol accepts). */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** `length` characters of 6 random bits each; 64 is a power of two, so no modulo bias. */
export function randomString(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte & 63];
  return out;
}

/** Bearer secrets: 32 chars = 192 bits (protocol: >= 22 chars, S5: >= 64 bits). */
export const randomToken = (): string => randomString(32);

/** Command ids: 22 chars = 132 bits, enough that two phones never pick the same. */
export const randomCommandId = (): string => randomString(22);
