import type { ExportRound } from '@vrijuit/protocol';
import type { PainPoint, Round } from '../state.ts';
import { tableValues } from '../table.ts';

type ExportQuestion = Extract<ExportRound, { kind: 'questions' }>['questions'][number];

/**
 * QA5: a question round for the export: the questions on the wall, hidden ones (and the duplicates merged
 * into them) left out, most votes first; equal votes keep the order of the random ids, so nothing follows
 * the order people asked in (AN9). Each says whether it was answered.
 */
export function exportQuestions(round: Round): ExportQuestion[] {
  const all = tableValues(round.points);
  const byId = (a: PainPoint, b: PainPoint) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return all
    .filter((p) => p.stage === 'wall' && p.mergedInto === null && !p.hidden)
    .sort((a, b) => b.support - a.support || byId(a, b))
    .map((p) => ({
      text: p.text,
      votes: p.support,
      answered: p.answered ?? false,
      merged: all
        .filter((c) => c.mergedInto === p.id && !c.hidden)
        .sort(byId)
        .map((c) => c.text),
    }));
}
