import type {
  AccountRole,
  ErrorCode,
  ExportFormat,
  HideReason,
  RoundKind,
  SessionLanguage,
  SessionStatus,
} from '@vrijuit/protocol';
import { m } from '$lib/paraglide/messages.js';
import type { ShortcutAction } from '$lib/components/console/cockpit/shortcuts.ts';
import type { TextConnection } from '$lib/text/collab.ts';

/**
 * Messages chosen by a value (an error code, a round kind, a status), one map per family. Each map names
 * its messages one by one, so the bundler keeps only the messages a page uses: a lookup by a computed
 * key (`m[\`errors.${code}\`]`) would pull every message into the phone's JavaScript.
 */
type Texts<K extends string> = Record<K, () => string>;

export const errorMessages = {
  BAD_REQUEST: m['errors.BAD_REQUEST'],
  UNKNOWN_COMMAND: m['errors.UNKNOWN_COMMAND'],
  NOT_JOINED: m['errors.NOT_JOINED'],
  FORBIDDEN: m['errors.FORBIDDEN'],
  SESSION_NOT_FOUND: m['errors.SESSION_NOT_FOUND'],
  ROUND_NOT_FOUND: m['errors.ROUND_NOT_FOUND'],
  ROUND_NOT_OPEN: m['errors.ROUND_NOT_OPEN'],
  ROUND_STATE: m['errors.ROUND_STATE'],
  OPTION_NOT_FOUND: m['errors.OPTION_NOT_FOUND'],
  ZONE_NOT_FOUND: m['errors.ZONE_NOT_FOUND'],
  MUNICIPALITY_NOT_FOUND: m['errors.MUNICIPALITY_NOT_FOUND'],
  ROUND_LOCKED: m['errors.ROUND_LOCKED'],
  BALLOT_KIND: m['errors.BALLOT_KIND'],
  CHOICE_COUNT: m['errors.CHOICE_COUNT'],
  BUDGET_EXCEEDED: m['errors.BUDGET_EXCEEDED'],
  MAX_PER_OPTION_EXCEEDED: m['errors.MAX_PER_OPTION_EXCEEDED'],
  RANKING_INCOMPLETE: m['errors.RANKING_INCOMPLETE'],
  ANSWER_OUT_OF_RANGE: m['errors.ANSWER_OUT_OF_RANGE'],
  EMPTY_BALLOT: m['errors.EMPTY_BALLOT'],
  ROUND_KIND: m['errors.ROUND_KIND'],
  POINT_NOT_FOUND: m['errors.POINT_NOT_FOUND'],
  POINT_STATE: m['errors.POINT_STATE'],
  THEME_NOT_FOUND: m['errors.THEME_NOT_FOUND'],
  PAIN_POINT_LIMIT: m['errors.PAIN_POINT_LIMIT'],
  VERSION_NOT_FOUND: m['errors.VERSION_NOT_FOUND'],
  TEXT_EMPTY: m['errors.TEXT_EMPTY'],
  ZONES_IN_USE: m['errors.ZONES_IN_USE'],
  POSITION_OUT_OF_RANGE: m['errors.POSITION_OUT_OF_RANGE'],
  SESSION_STATE: m['errors.SESSION_STATE'],
  SESSION_CLOSED: m['errors.SESSION_CLOSED'],
  TITLE_MISMATCH: m['errors.TITLE_MISMATCH'],
  WAITING_AT_DOOR: m['errors.WAITING_AT_DOOR'],
  RATE_LIMITED: m['errors.RATE_LIMITED'],
  UNAUTHENTICATED: m['errors.UNAUTHENTICATED'],
  INVALID_CREDENTIALS: m['errors.INVALID_CREDENTIALS'],
  ACCOUNT_EXISTS: m['errors.ACCOUNT_EXISTS'],
  ACCOUNT_NOT_FOUND: m['errors.ACCOUNT_NOT_FOUND'],
  SETUP_DONE: m['errors.SETUP_DONE'],
  TEMPLATE_NOT_FOUND: m['errors.TEMPLATE_NOT_FOUND'],
  BELOW_FLOOR: m['errors.BELOW_FLOOR'],
  PROTECTION_LOWERED: m['errors.PROTECTION_LOWERED'],
  INSECURE_HTTP: m['errors.INSECURE_HTTP'],
  SERVER_STOPPING: m['errors.SERVER_STOPPING'],
  INTERNAL: m['errors.INTERNAL'],
  TIMEOUT: m['errors.TIMEOUT'],
} satisfies Texts<ErrorCode | 'TIMEOUT'>;

/** The wall's own sentence for a refusal, where it has one ("de ronde is gesloten", not "de stemming"). */
export const wallErrorMessages: Partial<Texts<ErrorCode>> = {
  BAD_REQUEST: m['wall.errors.BAD_REQUEST'],
  ROUND_NOT_OPEN: m['wall.errors.ROUND_NOT_OPEN'],
  ROUND_LOCKED: m['wall.errors.ROUND_LOCKED'],
  ROUND_KIND: m['wall.errors.ROUND_KIND'],
  THEME_NOT_FOUND: m['wall.errors.THEME_NOT_FOUND'],
  PAIN_POINT_LIMIT: m['wall.errors.PAIN_POINT_LIMIT'],
  POINT_NOT_FOUND: m['wall.errors.POINT_NOT_FOUND'],
  POINT_STATE: m['wall.errors.POINT_STATE'],
};

export const hiddenReasonMessages = {
  facilitator: m['wall.hiddenReason.facilitator'],
  'off-topic': m['wall.hiddenReason.off-topic'],
  'names-someone': m['wall.hiddenReason.names-someone'],
  offensive: m['wall.hiddenReason.offensive'],
} satisfies Texts<HideReason>;

/** The facilitator's words for a reason (the wall's are what the room reads). */
export const boardReasonMessages = {
  facilitator: m['board.reasons.facilitator'],
  'off-topic': m['board.reasons.off-topic'],
  'names-someone': m['board.reasons.names-someone'],
  offensive: m['board.reasons.offensive'],
} satisfies Texts<HideReason>;

export const textConnectionMessages = {
  connecting: m['text.connection.connecting'],
  connected: m['text.connection.connected'],
  saved: m['text.connection.saved'],
  reconnecting: m['text.connection.reconnecting'],
  tooLarge: m['text.connection.tooLarge'],
  stopped: m['text.connection.stopped'],
} satisfies Texts<TextConnection>;

export const textToolMessages = {
  heading: m['text.tools.heading'],
  bold: m['text.tools.bold'],
  italic: m['text.tools.italic'],
  bulletList: m['text.tools.bulletList'],
  orderedList: m['text.tools.orderedList'],
} satisfies Texts<string>;

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
  'position-text': m['kinds.position-text'],
} satisfies Texts<RoundKind>;

export const kindHintMessages = {
  'single-choice': m['kinds.hints.single-choice'],
  'multiple-choice': m['kinds.hints.multiple-choice'],
  'dot-voting': m['kinds.hints.dot-voting'],
  ranking: m['kinds.hints.ranking'],
  scale: m['kinds.hints.scale'],
  agreement: m['kinds.hints.agreement'],
  'pain-points': m['kinds.hints.pain-points'],
  'position-text': m['kinds.hints.position-text'],
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

/** The words of each agreement level, lowest first. */
export const agreementLevelMessages = {
  gradients: [
    m['agreement.gradients.l0'],
    m['agreement.gradients.l1'],
    m['agreement.gradients.l2'],
    m['agreement.gradients.l3'],
    m['agreement.gradients.l4'],
    m['agreement.gradients.l5'],
    m['agreement.gradients.l6'],
    m['agreement.gradients.l7'],
  ],
  fistOfFive: [
    m['agreement.fistOfFive.l0'],
    m['agreement.fistOfFive.l1'],
    m['agreement.fistOfFive.l2'],
    m['agreement.fistOfFive.l3'],
    m['agreement.fistOfFive.l4'],
    m['agreement.fistOfFive.l5'],
  ],
} satisfies Record<string, (() => string)[]>;
