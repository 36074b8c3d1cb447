import { en } from './en.ts';
import { enRound } from './en-round.ts';
import { enText } from './en-text.ts';
import { enWall } from './en-wall.ts';
import { fr } from './fr.ts';
import { frRound } from './fr-round.ts';
import { frText } from './fr-text.ts';
import { frWall } from './fr-wall.ts';
import { locale, type Locale } from './index.ts';
import { nl } from './nl.ts';
import { nlPaper } from './nl-paper.ts';
import { nlRound } from './nl-round.ts';
import { nlText } from './nl-text.ts';
import { nlWall } from './nl-wall.ts';
import { createTranslator } from './translator.ts';
import type { RoundKey, RoundPluralKey } from './types.ts';

export type { RoundKey, RoundPluralKey } from './types.ts';
export { errorText, format, formatNumber, formatPercent, formatSigned, locale } from './index.ts';

/** The page's catalogue and a round's (votes and the wall), per language (the sections do not overlap). */
export const roundCatalogues = {
  'nl-BE': { ...nl, ...nlRound, ...nlWall, ...nlText, ...nlPaper },
  en: { ...en, ...enRound, ...enWall, ...enText },
  fr: { ...fr, ...frRound, ...frWall, ...frText },
} satisfies Record<Locale, unknown>;

/** t() for a round's screens: imported by the ballot and chart components, loaded with them. */
export const { translate, t, tn } = createTranslator<RoundKey, RoundPluralKey, Locale>(
  roundCatalogues,
  roundCatalogues['nl-BE'],
  locale,
);
