import type { ErrorCode, HideReason } from '@vrijuit/protocol';
import { m } from '$lib/paraglide/messages.js';
import type { TextConnection } from '$lib/text/collab.ts';

/**
 * The phone's messages chosen by a value (an error code, a reason), one map per family (the console's
 * are in console-messages.ts, so a phone never loads them). Each map names
 * its messages one by one, so the bundler keeps only the messages a page uses: a lookup by a computed
 * key (`m[\`errors.${code}\`]`) would pull every message into the phone's JavaScript.
 */
export type Texts<K extends string> = Record<K, () => string>;

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
