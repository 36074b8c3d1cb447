import type Database from 'better-sqlite3';
import { SessionDesign, type SavedTemplate } from '@vrijuit/protocol';

interface TemplateRow {
  id: string;
  name: string;
  design: string;
  created_at: number;
}

/** A stored design is parsed again on the way out, so one written by an older build gets today's defaults. */
const toTemplate = (r: TemplateRow): SavedTemplate => ({
  id: r.id,
  name: r.name,
  design: SessionDesign.parse(JSON.parse(r.design)),
  createdAt: r.created_at,
});

/** Templates an account saved (the `templates` table of sqlite-schema.ts); each account sees its own only. */
export class SqliteTemplates {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  async add(accountId: string, template: SavedTemplate): Promise<void> {
    this.#db
      .prepare('INSERT INTO templates (id, account_id, name, design, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(template.id, accountId, template.name, JSON.stringify(template.design), template.createdAt);
  }

  async of(accountId: string): Promise<SavedTemplate[]> {
    const rows = this.#db
      .prepare('SELECT * FROM templates WHERE account_id = ? ORDER BY name COLLATE NOCASE, created_at DESC')
      .all(accountId) as TemplateRow[];
    return rows.map(toTemplate);
  }

  /** False when there is no such template of this account (another's is as unknown as a missing one). */
  async delete(accountId: string, id: string): Promise<boolean> {
    return this.#db.prepare('DELETE FROM templates WHERE id = ? AND account_id = ?').run(id, accountId).changes > 0;
  }
}
