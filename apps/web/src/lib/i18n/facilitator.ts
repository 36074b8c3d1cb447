import { enFacilitator } from './en-facilitator.ts';
import { frFacilitator } from './fr-facilitator.ts';
import { locale, type Locale } from './index.ts';
import { nlDesign } from './nl-design.ts';
import { nlDoorConsole } from './nl-door.ts';
import { nlFacilitator } from './nl-facilitator.ts';
import { nlSteering } from './nl-steering.ts';
import { nlLifecycleConsole } from './nl-lifecycle.ts';
import { nlAccounts } from './nl-accounts.ts';
import { nlTemplates } from './nl-templates.ts';
import { nlExport } from './nl-export.ts';
import { nlCockpit } from './nl-cockpit.ts';
import { enCockpit, frCockpit } from './en-fr-cockpit.ts';
import { roundCatalogues } from './round.ts';
import { createTranslator } from './translator.ts';
import type { FacilitatorKey, FacilitatorPluralKey } from './types.ts';

export type { FacilitatorKey, FacilitatorPluralKey } from './types.ts';
export { errorText, format, formatNumber, formatPercent, formatSigned, locale } from './index.ts';

/** Every catalogue per language: the sections do not overlap, so a shallow merge is enough. */
export const facilitatorCatalogues = {
  // Design, steering, lifecycle and account strings are Dutch only for now: other languages fall back to them.
  'nl-BE': {
    ...roundCatalogues['nl-BE'],
    ...nlFacilitator,
    ...nlSteering,
    ...nlDesign,
    ...nlLifecycleConsole,
    ...nlAccounts,
    ...nlTemplates,
    ...nlExport,
    ...nlDoorConsole,
    ...nlCockpit,
  },
  en: { ...roundCatalogues.en, ...enFacilitator, ...enCockpit },
  fr: { ...roundCatalogues.fr, ...frFacilitator, ...frCockpit },
} satisfies Record<Locale, unknown>;

/** The console's, /new's and the projector's strings, and the phone's. */
export const { translate, t, tn } = createTranslator<FacilitatorKey, FacilitatorPluralKey, Locale>(
  facilitatorCatalogues,
  facilitatorCatalogues['nl-BE'],
  locale,
);
