import {
  addTheme,
  approvePainPoints,
  hidePainPoint,
  mergePainPoint,
  submitPainPoint,
  supportPainPoint,
  themePainPoint,
} from '@vrijuit/core';
import type { painPointCommands } from '@vrijuit/protocol';
import { asParticipant, onSession, type HandlerTable } from './handler-kit.ts';
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
};
