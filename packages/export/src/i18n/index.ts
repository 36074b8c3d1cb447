import type { ExportWords } from '@vrijuit/core';
import type { SessionLanguage } from '@vrijuit/protocol';
import { enExport } from './en.ts';
import { frExport } from './fr.ts';
import { nlExport } from './nl.ts';

/** The shape of the export's catalogue: nl's keys, any strings (arrays of strings stay arrays). */
type Widen<T> = T extends string
  ? string
  : T extends readonly string[]
    ? readonly string[]
    : { [K in keyof T]: Widen<T[K]> };
export type ExportLabels = Widen<typeof nlExport>;

/** A catalogue still being translated: missing keys fall back to Dutch, unknown keys do not compile. */
type DeepPartial<T> = T extends string | readonly string[] ? T : { [K in keyof T]?: DeepPartial<T[K]> };
export type PartialExportLabels = DeepPartial<ExportLabels>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `over` laid over `base`, key by key; arrays and strings replace. */
function merged<T>(base: T, over: unknown): T {
  if (!isObject(base) || !isObject(over)) return (over ?? base) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = merged(base[key], value);
  return out as T;
}

const CATALOGUES: Readonly<Record<SessionLanguage, ExportLabels>> = {
  'nl-BE': nlExport,
  en: merged<ExportLabels>(nlExport, enExport),
  fr: merged<ExportLabels>(nlExport, frExport),
};

/** The words core's `exportDocument` puts into the model itself, in a session's language. */
export function exportWords(language: SessionLanguage): ExportWords {
  const labels = exportLabels(language);
  return { agreementLevels: labels.agreementLevels, withoutMunicipality: labels.breakdown.withoutMunicipality };
}

/** The export's words in a session's language. */
export function exportLabels(language: SessionLanguage): ExportLabels {
  return CATALOGUES[language];
}
