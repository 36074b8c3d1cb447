import type { ExportModeration, HideReason } from '@vrijuit/protocol';
import { moderationDetailText } from '@vrijuit/protocol/moderation-detail';
import { formatNumber } from '$lib/i18n';
import { m } from '$lib/paraglide/messages.js';
import type { Texts } from '$lib/i18n/named-messages.ts';

/** The results page's words for a moderation action and a hide reason (in the phone's language). */
const ACTIONS = {
  hidden: m['resultsPage.actions.hidden'],
  rejected: m['resultsPage.actions.rejected'],
  shown: m['resultsPage.actions.shown'],
  approved: m['resultsPage.actions.approved'],
  merged: m['resultsPage.actions.merged'],
  themed: m['resultsPage.actions.themed'],
  'suggestion-accepted': m['resultsPage.actions.suggestion-accepted'],
} satisfies Texts<ExportModeration['action']>;

const REASONS = {
  facilitator: m['resultsPage.reasons.facilitator'],
  'off-topic': m['resultsPage.reasons.off-topic'],
  'names-someone': m['resultsPage.reasons.names-someone'],
  offensive: m['resultsPage.reasons.offensive'],
} satisfies Texts<HideReason>;

/**
 * ML3 on the results page: one summed row of a wall's moderation log as a line, "Verborgen (kwetsend): 2":
 * the action, its reason or theme, and how many entries; never which entry or who.
 */
export function moderationLine(row: ExportModeration, noTheme: string): string {
  const action = ACTIONS[row.action]();
  const n = formatNumber(row.entries);
  const detail = moderationDetailText(row, { reason: (r) => REASONS[r](), noTheme });
  return detail === null
    ? m['resultsPage.moderationLine']({ action, n })
    : m['resultsPage.moderationLineDetail']({ action, detail, n });
}
