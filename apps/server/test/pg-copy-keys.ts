/**
 * The attacker's use of the round keys a copy holds (AN25): stub until the keys exist.
 */
import type { Row } from './live-audit.ts';

export interface CopyKeyring {
  /** Round id -> key (base64url). */
  readonly keys: Map<string, string>;
}

export async function readCopyKeyring(_dir: string): Promise<CopyKeyring> {
  return { keys: new Map() };
}

export function openCopyRows(_keyring: CopyKeyring, _table: string, rows: Row[]): Row[] {
  return rows;
}
