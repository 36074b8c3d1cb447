import { SessionDesign, type SessionLanguage } from '@vrijuit/protocol';
import { kempenDesign, kempenTexts } from './kempen.ts';

/** A design to start a session from, offered on the new-session page. */
export interface Template {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly design: SessionDesign;
}

const kempen = (language: SessionLanguage, id: string): Template => ({
  id,
  name: kempenTexts[language].name,
  description: kempenTexts[language].summary,
  design: SessionDesign.parse(kempenDesign(language)),
});

/**
 * TM1: every built-in template parses as a SessionDesign (so its defaults are filled in here, once).
 * LN1: each exists in Dutch, French and English; the Dutch one keeps its old id.
 */
export const builtInTemplates: readonly Template[] = [
  kempen('nl-BE', 'kempen-welzijn'),
  kempen('fr', 'kempen-welzijn-fr'),
  kempen('en', 'kempen-welzijn-en'),
];

/** The built-in templates in one language: what /new offers a facilitator whose page speaks it. */
export function templatesIn(language: SessionLanguage): Template[] {
  return builtInTemplates.filter((template) => template.design.language === language);
}
