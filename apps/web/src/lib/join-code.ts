import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '@vrijuit/protocol/constants';

/** What people type: lower case, spaces and dashes are fine ("ab3 k9x", "AB3-K9X"). */
export function normaliseJoinCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '');
}

const codePattern = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** The normalised code if it can be a join code, else null (no server round trip for typos). */
export function parseJoinCode(raw: string): string | null {
  const code = normaliseJoinCode(raw);
  return codePattern.test(code) ? code : null;
}

/** "AB3K9X" -> "AB3 K9X": two groups of three are easier to read from a projector and to type. */
export function formatJoinCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}
