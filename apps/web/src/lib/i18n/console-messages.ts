import type {
  AccountRole,
  ExportFormat,
  HideReason,
  RoundKind,
  SessionLanguage,
  SessionStatus,
} from '@vrijuit/protocol';
import { m } from '$lib/paraglide/messages.js';
import type { ShortcutAction } from '$lib/components/console/cockpit/shortcuts.ts';
import type { Texts } from './named-messages.ts';

/**
 * The facilitator's messages chosen by a value (a kind, a status, a reason), one map per family, named
 * one by one so the bundler keeps only what a page uses (the phone's are in named-messages.ts).
 */

/** The facilitator's words for a reason (the wall's are what the room reads). */
export const boardReasonMessages = {
  facilitator: m['board.reasons.facilitator'],
  'off-topic': m['board.reasons.off-topic'],
  'names-someone': m['board.reasons.names-someone'],
  offensive: m['board.reasons.offensive'],
} satisfies Texts<HideReason>;

export const sessionLanguageMessages = {
  'nl-BE': m['design.languages.nl-BE'],
  en: m['design.languages.en'],
  fr: m['design.languages.fr'],
} satisfies Texts<SessionLanguage>;

export const exportFormatMessages = {
  docx: m['exportPanel.formats.docx'],
  pdf: m['exportPanel.formats.pdf'],
  md: m['exportPanel.formats.md'],
  csv: m['exportPanel.formats.csv'],
  json: m['exportPanel.formats.json'],
} satisfies Texts<ExportFormat>;

export const sessionStatusMessages = {
  draft: m['lifecycle.status.draft'],
  live: m['lifecycle.status.live'],
  closed: m['lifecycle.status.closed'],
  archived: m['lifecycle.status.archived'],
} satisfies Texts<SessionStatus>;

export const sessionStatusExplanations = {
  draft: m['lifecycle.explain.draft'],
  live: m['lifecycle.explain.live'],
  closed: m['lifecycle.explain.closed'],
  archived: m['lifecycle.explain.archived'],
} satisfies Texts<SessionStatus>;

export const kindMessages = {
  'single-choice': m['kinds.single-choice'],
  'multiple-choice': m['kinds.multiple-choice'],
  'dot-voting': m['kinds.dot-voting'],
  ranking: m['kinds.ranking'],
  scale: m['kinds.scale'],
  agreement: m['kinds.agreement'],
  'pain-points': m['kinds.pain-points'],
  questions: m['kinds.questions'],
  'position-text': m['kinds.position-text'],
  'word-cloud': m['kinds.word-cloud'],
} satisfies Texts<RoundKind>;

export const kindHintMessages = {
  'single-choice': m['kinds.hints.single-choice'],
  'multiple-choice': m['kinds.hints.multiple-choice'],
  'dot-voting': m['kinds.hints.dot-voting'],
  ranking: m['kinds.hints.ranking'],
  scale: m['kinds.hints.scale'],
  agreement: m['kinds.hints.agreement'],
  'pain-points': m['kinds.hints.pain-points'],
  questions: m['kinds.hints.questions'],
  'position-text': m['kinds.hints.position-text'],
  'word-cloud': m['kinds.hints.word-cloud'],
} satisfies Texts<RoundKind>;

export const accountRoleMessages = {
  admin: m['account.accounts.roles.admin'],
  facilitator: m['account.accounts.roles.facilitator'],
} satisfies Texts<AccountRole>;

export const shortcutKeyNames = {
  next: m['cockpit.keyNames.next'],
  reveal: m['cockpit.keyNames.reveal'],
  timer: m['cockpit.keyNames.timer'],
  lock: m['cockpit.keyNames.lock'],
  open: m['cockpit.keyNames.open'],
  help: m['cockpit.keyNames.help'],
} satisfies Texts<ShortcutAction>;

export const shortcutMessages = {
  next: m['cockpit.keys.next'],
  reveal: m['cockpit.keys.reveal'],
  timer: m['cockpit.keys.timer'],
  lock: m['cockpit.keys.lock'],
  open: m['cockpit.keys.open'],
  help: m['cockpit.keys.help'],
} satisfies Texts<ShortcutAction>;

export const cockpitToolMessages = {
  door: m['cockpit.tools.door'],
  session: m['cockpit.tools.session'],
  export: m['cockpit.tools.export'],
  paper: m['cockpit.tools.paper'],
  attendance: m['cockpit.tools.attendance'],
  settings: m['cockpit.tools.settings'],
} satisfies Texts<string>;
