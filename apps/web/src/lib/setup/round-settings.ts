import type { RevealMode, RoundConfig, RoundKind } from '@vrijuit/protocol';
import { DEFAULTS, LIMITS, minOptions } from '@vrijuit/protocol/constants';
import { firstDuplicate } from '../lines.ts';

/**
 * The kind settings of the console's round form, checked against each other and the number of
 * options before sending, so the server's refusals (BAD_REQUEST) never reach the facilitator.
 */
export interface RoundSettings {
  kind: RoundKind;
  min: number | null;
  max: number | null;
  budget: number | null;
  maxPerOption: number | null;
  /** Scale labels, one per line. */
  scaleLabels: string;
  preset: 'gradients' | 'fist-of-five';
  /** Pain points: how many entries one participant may add. */
  perParticipant: number | null;
  /** Pain points: entries wait for the facilitator's approval before the room sees them. */
  premoderation: boolean;
  /** Position text: each zone first writes a draft of its own. */
  zoneDrafts: boolean;
  /** Word cloud (core WC1): how many short answers one participant may send, 1 to 3. */
  answers: number;
}

export type SettingsProblem =
  | { code: 'min-max'; options: number }
  | { code: 'budget'; max: number }
  | { code: 'max-per-option' }
  | { code: 'scale-count'; max: number }
  | { code: 'scale-too-long'; label: string; max: number }
  | { code: 'scale-duplicate'; label: string }
  | { code: 'per-participant'; max: number };

export const defaultSettings = (scaleLabels: string): RoundSettings => ({
  kind: 'single-choice',
  min: 1,
  max: 3,
  budget: 5,
  maxPerOption: 3,
  scaleLabels,
  preset: 'gradients',
  perParticipant: DEFAULTS.painPointsPerParticipant,
  premoderation: false,
  zoneDrafts: false,
  answers: DEFAULTS.wordCloudAnswers,
});

const whole = (n: number | null): n is number => typeof n === 'number' && Number.isInteger(n);

export function buildConfig(
  settings: RoundSettings,
  optionCount: number,
): { config: RoundConfig; problem: null } | { config: null; problem: SettingsProblem } {
  const ok = (config: RoundConfig) => ({ config, problem: null }) as const;
  const fail = (problem: SettingsProblem) => ({ config: null, problem }) as const;
  switch (settings.kind) {
    case 'single-choice':
    case 'ranking':
      return ok({ kind: settings.kind });
    case 'multiple-choice': {
      const { min, max } = settings;
      if (!whole(min) || !whole(max) || min < 0 || max < 1 || min > max || max > optionCount) {
        return fail({ code: 'min-max', options: optionCount });
      }
      return ok({ kind: 'multiple-choice', min, max });
    }
    case 'dot-voting': {
      const { budget, maxPerOption } = settings;
      if (!whole(budget) || budget < 1 || budget > LIMITS.dotBudget)
        return fail({ code: 'budget', max: LIMITS.dotBudget });
      if (!whole(maxPerOption) || maxPerOption < 1 || maxPerOption > budget) return fail({ code: 'max-per-option' });
      return ok({ kind: 'dot-voting', budget, maxPerOption });
    }
    case 'scale': {
      const labels = settings.scaleLabels
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
      if (labels.length < 2 || labels.length > LIMITS.scaleLabels)
        return fail({ code: 'scale-count', max: LIMITS.scaleLabels });
      const long = labels.find((l) => l.length > LIMITS.optionLabel);
      if (long) return fail({ code: 'scale-too-long', label: long, max: LIMITS.optionLabel });
      const seen = new Set<string>();
      for (const label of labels) {
        if (seen.has(label.toLocaleLowerCase())) return fail({ code: 'scale-duplicate', label });
        seen.add(label.toLocaleLowerCase());
      }
      return ok({ kind: 'scale', labels });
    }
    case 'agreement':
      return ok({ kind: 'agreement', preset: settings.preset });
    case 'pain-points': {
      const { perParticipant, premoderation } = settings;
      if (!whole(perParticipant) || perParticipant < 1 || perParticipant > LIMITS.painPointsPerParticipant) {
        return fail({ code: 'per-participant', max: LIMITS.painPointsPerParticipant });
      }
      return ok({ kind: 'pain-points', perParticipant, premoderation });
    }
    case 'questions': {
      const { perParticipant, premoderation } = settings;
      if (!whole(perParticipant) || perParticipant < 1 || perParticipant > LIMITS.painPointsPerParticipant) {
        return fail({ code: 'per-participant', max: LIMITS.painPointsPerParticipant });
      }
      return ok({ kind: 'questions', perParticipant, premoderation });
    }
    case 'position-text':
      return ok({ kind: 'position-text', zoneDrafts: settings.zoneDrafts });
    case 'word-cloud':
      return ok({ kind: 'word-cloud', answers: Math.min(LIMITS.wordCloudAnswers, Math.max(1, settings.answers)) });
  }
}

/** Whether a kind's options are the themes of a pain-point round (none or more) rather than choices. */
export const optionsAreThemes = (kind: RoundKind): boolean => kind === 'pain-points';

/**
 * Who sees the outcome by default: a pain-point round's wall is what the room looks at, so it is live;
 * a vote's results stay hidden until revealed, so nobody follows the group.
 */
export const defaultReveal = (kind: RoundKind): RevealMode =>
  kind === 'pain-points' || kind === 'questions' ? 'live' : 'manual';

export type OptionsProblem =
  | { code: 'too-few'; min: number }
  | { code: 'too-many'; max: number }
  | { code: 'too-long'; option: string; max: number }
  | { code: 'duplicate'; option: string };

/** Whether a kind has no options at all (a position text: its outcome is the co-written text). */
export const hasNoOptions = (kind: RoundKind): boolean =>
  kind === 'position-text' || kind === 'word-cloud' || kind === 'questions';

/**
 * The options (or themes) of a new round, checked as the server would: a vote needs two, themes none, a
 * position text has none (the form sends an empty list, so this has nothing to refuse).
 */
export function checkOptions(kind: RoundKind, options: readonly string[]): OptionsProblem | null {
  if (hasNoOptions(kind)) return null;
  const min = minOptions(kind);
  if (options.length < min) return { code: 'too-few', min };
  if (options.length > LIMITS.options) return { code: 'too-many', max: LIMITS.options };
  const long = options.find((o) => o.length > LIMITS.optionLabel);
  if (long) return { code: 'too-long', option: long, max: LIMITS.optionLabel };
  const duplicate = firstDuplicate(options);
  return duplicate ? { code: 'duplicate', option: duplicate } : null;
}

/** A timer in whole minutes (the form's unit) as the protocol's seconds; empty means no timer. */
export function durationSeconds(minutes: number | null | undefined): number | null | 'invalid' {
  // An emptied number input binds as null (or undefined): no timer.
  if (minutes === null || minutes === undefined || Number.isNaN(minutes)) return null;
  const seconds = Math.round(minutes * 60);
  return seconds >= 5 && seconds <= LIMITS.roundSeconds ? seconds : 'invalid';
}
