import type { SessionDesign } from '@vrijuit/protocol';
import type { SessionState } from './state.ts';

/**
 * DE8: a session as a plan: details, zones (names, municipalities and weights, no ids), settings and the
 * agenda's rounds (question, option labels, settings, compareKey). Never people, ballots, pain points,
 * texts or results, so a design can be shared and reused as a template.
 */
export function designOf(state: SessionState): SessionDesign {
  // DO2: the expected number of participants is about the day, not the plan.
  const { expectedParticipants: _expected, ...settings } = state.settings;
  return {
    title: state.title,
    description: state.description,
    date: state.date,
    language: state.language,
    zones: state.zones.map((z) => ({
      name: z.name,
      municipalities: z.municipalities.map((m) => ({ name: m.name, weight: m.weight })),
    })),
    settings,
    agenda: state.rounds.map((r) => ({
      question: r.question,
      // A pain-point round may have gained themes while it ran; they are part of what it asks next time.
      options: r.options.map((o) => o.label),
      config: r.config,
      reveal: r.reveal,
      durationSeconds: r.durationSeconds,
      compareKey: r.compareKey,
      plain: r.plain ?? null,
    })),
  };
}
