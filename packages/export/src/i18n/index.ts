import type { SessionLanguage } from '@vrijuit/protocol';
import { nlExport } from './nl.ts';

export type ExportLabels = typeof nlExport;

/** The export's words in a session's language (only Dutch so far: the others fall back to it). */
export function exportLabels(_language: SessionLanguage): ExportLabels {
  return nlExport;
}
