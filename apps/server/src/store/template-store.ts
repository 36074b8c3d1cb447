import type { SavedTemplate } from '@vrijuit/protocol';

/** Templates an account saved (DE8); each account sees its own only. SQLite and PostgreSQL implement it. */
export interface TemplateStore {
  add(accountId: string, template: SavedTemplate): Promise<void>;
  /** By name (case aside), newest first among equal names. */
  of(accountId: string): Promise<SavedTemplate[]>;
  /** False when there is no such template of this account (another's is as unknown as a missing one). */
  delete(accountId: string, id: string): Promise<boolean>;
}
