import type Database from 'better-sqlite3';
import type { SavedTemplate } from '@vrijuit/protocol';
import { sqliteSteps, type SqliteSteps } from './sqlite-steps.ts';
import { addTemplate, deleteTemplate, templatesOf } from './template-sql.ts';
import type { TemplateStore } from './template-store.ts';

/** Templates an account saved (the `templates` table of sqlite-schema.ts); SQL in template-sql.ts. */
export class SqliteTemplates implements TemplateStore {
  readonly #steps: SqliteSteps;

  constructor(db: Database.Database) {
    this.#steps = sqliteSteps(db).steps;
  }

  async add(accountId: string, template: SavedTemplate): Promise<void> {
    this.#steps(addTemplate(accountId, template));
  }

  async of(accountId: string): Promise<SavedTemplate[]> {
    return this.#steps(templatesOf(accountId));
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    return this.#steps(deleteTemplate(accountId, id));
  }
}
