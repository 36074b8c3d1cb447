import { SessionDesign, type SavedTemplate } from '@vrijuit/protocol';
import { all, run, type SqlSteps } from './sql-steps.ts';

/** The templates' statements (template-store.ts), written once for SQLite and PostgreSQL (sql-steps.ts). */

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

export function* addTemplate(accountId: string, template: SavedTemplate): SqlSteps {
  yield run(
    'INSERT INTO templates (id, account_id, name, design, created_at) VALUES (?, ?, ?, ?, ?)',
    template.id,
    accountId,
    template.name,
    JSON.stringify(template.design),
    template.createdAt,
  );
}

/**
 * By name without regard to case, newest first among equal names. `lower` rather than SQLite's
 * `COLLATE NOCASE`, which PostgreSQL lacks: both fold A-Z alike (PostgreSQL's also folds letters
 * beyond ASCII, which SQLite's `lower` leaves as they are).
 */
export function* templatesOf(accountId: string): SqlSteps<SavedTemplate[]> {
  const rows = (yield all(
    'SELECT * FROM templates WHERE account_id = ? ORDER BY lower(name), created_at DESC',
    accountId,
  )) as TemplateRow[];
  return rows.map(toTemplate);
}

/** False when there is no such template of this account (another's is as unknown as a missing one). */
export function* deleteTemplate(accountId: string, id: string): SqlSteps<boolean> {
  const rows = (yield all(
    'DELETE FROM templates WHERE id = ? AND account_id = ? RETURNING id',
    id,
    accountId,
  )) as unknown[];
  return rows.length > 0;
}
