import { en } from './en.ts';
import { enRound } from './en-round.ts';
import { fr } from './fr.ts';
import { frRound } from './fr-round.ts';
import { locale, type Locale } from './index.ts';
import { nl } from './nl.ts';
import { nlRound } from './nl-round.ts';
import { createTranslator } from './translator.ts';
import type { RoundKey, RoundPluralKey } from './types.ts';

export type { RoundKey, RoundPluralKey } from './types.ts';
export { errorText, format, formatNumber, formatPercent, formatSigned, locale } from './index.ts';

/** The page's catalogue and a round's, per language (the sections do not overlap). */
export const roundCatalogues = {
  'nl-BE': { ...nl, ...nlRound },
  en: { ...en, ...enRound },
  fr: { ...fr, ...frRound },
} satisfies Record<Locale, unknown>;

/** t() for a round's screens: imported by the ballot and chart components, loaded with them. */
export const { translate, t, tn } = createTranslator<RoundKey, RoundPluralKey, Locale>(
  roundCatalogues,
  roundCatalogues['nl-BE'],
  locale,
);
