import type { RoundConfig } from '@vrijuit/protocol';
import { AGREEMENT_LEVELS } from '@vrijuit/protocol/constants';
import { agreementLevelMessages } from '../i18n/named-messages.ts';

/** The words of each level of a scale or agreement round (0 first); empty for other kinds. */
export function levelLabels(config: RoundConfig): string[] {
  if (config.kind === 'scale') return [...config.labels];
  if (config.kind !== 'agreement') return [];
  const preset = config.preset === 'gradients' ? 'gradients' : 'fistOfFive';
  return agreementLevelMessages[preset].slice(0, AGREEMENT_LEVELS[config.preset]).map((text) => text());
}

/** The one most common level, `'tie'` when levels share the most answers, null without answers (TA10). */
export { mostCommonLevel } from '@vrijuit/core/most-common';
