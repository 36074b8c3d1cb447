import type { RoundConfig } from '@vrijuit/protocol';
import { defaultSettings, type RoundSettings } from '$lib/setup/round-settings.ts';

/** The round form's settings for a round's config, so a draft round opens in the form as it is. */
export function settingsOf(config: RoundConfig, scaleLabels: string): RoundSettings {
  const base = defaultSettings(scaleLabels);
  switch (config.kind) {
    case 'multiple-choice':
      return { ...base, kind: config.kind, min: config.min, max: config.max };
    case 'dot-voting':
      return { ...base, kind: config.kind, budget: config.budget, maxPerOption: config.maxPerOption };
    case 'scale':
      return { ...base, kind: config.kind, scaleLabels: config.labels.join('\n') };
    case 'agreement':
      return { ...base, kind: config.kind, preset: config.preset };
    case 'pain-points':
    case 'questions':
      return { ...base, kind: config.kind, perParticipant: config.perParticipant, premoderation: config.premoderation };
    case 'position-text':
      return { ...base, kind: config.kind, zoneDrafts: config.zoneDrafts };
    case 'word-cloud':
      return { ...base, kind: config.kind, answers: config.answers };
    default:
      return { ...base, kind: config.kind };
  }
}
