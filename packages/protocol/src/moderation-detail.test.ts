import { describe, expect, it } from 'vitest';
import type { ExportModeration } from './export.ts';
import { moderationDetail, moderationDetailText } from './moderation-detail.ts';

const row = (action: ExportModeration['action'], reason: ExportModeration['reason'], theme: string | null = null) => ({
  action,
  reason,
  theme,
});
const words = { reason: (r: string) => `reden ${r}`, noTheme: 'Zonder thema' };

describe("ML5 a published log row's detail", () => {
  it('ML5 a hide or a refusal names its reason; a theme step its theme or "no theme"; the rest nothing', () => {
    expect(moderationDetail(row('hidden', 'offensive'))).toEqual({ kind: 'reason', reason: 'offensive' });
    expect(moderationDetail(row('rejected', 'off-topic'))).toEqual({ kind: 'reason', reason: 'off-topic' });
    expect(moderationDetail(row('themed', null, 'Mobiliteit'))).toEqual({ kind: 'theme', theme: 'Mobiliteit' });
    expect(moderationDetail(row('themed', null))).toEqual({ kind: 'theme', theme: null });
    expect(moderationDetail(row('suggestion-accepted', null, 'Bus'))).toEqual({ kind: 'theme', theme: 'Bus' });
    for (const action of ['shown', 'approved', 'merged'] as const)
      expect(moderationDetail(row(action, null))).toEqual({ kind: 'none' });
  });

  it('ML5 in words: the reason\'s name, the theme, "Zonder thema" for none, null when there is no detail', () => {
    expect(moderationDetailText(row('hidden', 'names-someone'), words)).toBe('reden names-someone');
    expect(moderationDetailText(row('themed', null, 'Wonen'), words)).toBe('Wonen');
    expect(moderationDetailText(row('themed', null), words)).toBe('Zonder thema');
    expect(moderationDetailText(row('merged', null), words)).toBeNull();
  });
});
