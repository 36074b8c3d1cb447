/*
 * A module of its own (subpath `@vrijuit/protocol/moderation-detail`): the export and the results page
 * (a lazy screen) read it; it holds no schema, so it adds no zod to whatever imports it.
 */
import type { ExportModeration } from './export.ts';
import type { HideReason } from './pain-points.ts';

/** ML5: what a published log row names besides its action: a hide reason, a theme (null: no theme), or nothing. */
export type ModerationDetail =
  | { readonly kind: 'reason'; readonly reason: HideReason }
  | { readonly kind: 'theme'; readonly theme: string | null }
  | { readonly kind: 'none' };

type Row = Pick<ExportModeration, 'action' | 'reason' | 'theme'>;

/**
 * ML5: a row's detail. A hide (or a refusal in the queue) names its reason; filing under a theme by hand
 * or by an accepted suggestion names the theme (null when the entry was taken out of any theme); showing
 * again, letting through and merging name nothing.
 */
export function moderationDetail(row: Row): ModerationDetail {
  if (row.reason !== null) return { kind: 'reason', reason: row.reason };
  if (row.action === 'themed' || row.action === 'suggestion-accepted') return { kind: 'theme', theme: row.theme };
  return { kind: 'none' };
}

/** The words a detail is said in: a reason's name, and the name of "no theme". */
export interface ModerationDetailWords {
  readonly reason: (reason: HideReason) => string;
  readonly noTheme: string;
}

/** ML5: a row's detail in words ("kwetsend", a theme's name, "Zonder thema"), or null when it names none. */
export function moderationDetailText(row: Row, words: ModerationDetailWords): string | null {
  const detail = moderationDetail(row);
  if (detail.kind === 'reason') return words.reason(detail.reason);
  if (detail.kind === 'theme') return detail.theme ?? words.noTheme;
  return null;
}
