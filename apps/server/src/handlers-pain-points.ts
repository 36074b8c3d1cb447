import {
  acceptSuggestion,
  addTheme,
  approvePainPoints,
  hidePainPoint,
  mergePainPoint,
  submitPainPoint,
  supportPainPoint,
  themePainPoint,
  answerQuestion,
  wallOf,
} from '@vrijuit/core';
import type { painPointCommands } from '@vrijuit/protocol';
import { asParticipant, fail, onSession, sessionOf, type HandlerTable } from './handler-kit.ts';
import { pointIdFor } from './secrets.ts';

/** Adding, supporting and moderating pain points. */
export const painPointHandlers: HandlerTable<keyof typeof painPointCommands> = {
  'painpoint:submit': (input, identity, deps) => {
    const pointId = identity?.role === 'participant' ? pointIdFor(identity.secret, input.commandId) : '';
    return asParticipant(deps, identity, input, 'point', (state, who) =>
      submitPainPoint(state, { ...who, pointId, text: input.text, themeId: input.themeId }),
    );
  },

  'painpoint:support': (input, identity, deps) =>
    asParticipant(deps, identity, input, 'support', (state, who) =>
      supportPainPoint(state, { ...who, pointId: input.pointId, supported: input.supported }),
    ),

  'painpoint:hide': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) =>
      hidePainPoint(state, { roundId: input.roundId, pointId: input.pointId, reason: input.reason }),
    ),

  // QA2: a question marked answered, or not answered again.
  'question:answer': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) =>
      answerQuestion(state, { roundId: input.roundId, pointId: input.pointId, answered: input.answered }),
    ),

  'painpoint:approve': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) =>
      approvePainPoints(state, { roundId: input.roundId, pointIds: input.pointIds }),
    ),

  'painpoint:merge': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) =>
      mergePainPoint(state, { roundId: input.roundId, pointId: input.pointId, intoId: input.intoId }),
    ),

  'painpoint:theme': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) =>
      themePainPoint(state, { roundId: input.roundId, pointId: input.pointId, themeId: input.themeId }),
    ),

  'painpoint:add-theme': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) =>
      addTheme(state, { roundId: input.roundId, label: input.label }),
    ),

  'painpoint:accept-suggestion': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) =>
      acceptSuggestion(state, { roundId: input.roundId, theme: input.theme, pointIds: input.pointIds }),
    ),

  // SU1: computed on the spot from what the console's wall shows; nothing is stored, nothing changes.
  'painpoint:suggest-themes': async (input, identity, { hub }) => {
    const state = await hub.state(sessionOf(identity));
    const round = state?.rounds.find((r) => r.id === input.roundId);
    if (!state || !round) return fail('ROUND_NOT_FOUND', 'unknown round');
    if (round.config.kind !== 'pain-points') return fail('ROUND_KIND', 'only a pain-point round has a wall');
    const wall = wallOf(round, true);
    if (!wall) return fail('ROUND_NOT_OPEN', 'the round has no wall yet');
    // Only entries shown on the wall: never waiting or queued ones (not on it), hidden or merged ones.
    const entries = wall.points.flatMap((p) =>
      p.hidden === null && p.text !== null ? [{ id: p.id, text: p.text, themeId: p.themeId }] : [],
    );
    const themes = round.options.map((o) => ({ id: o.id, label: o.label }));
    // Loaded on first use (its own chunk in the built server: issue 17, P7).
    const { suggestThemes } = await import('@vrijuit/themes');
    return { ack: { ok: true, value: suggestThemes({ entries, themes, language: state.language }) } };
  },
};
