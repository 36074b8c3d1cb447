import { accept, reject, saveTextVersion } from '@vrijuit/core';
import { textDocName, type textCommands } from '@vrijuit/protocol';
import * as Y from 'yjs';
import { fail, onSession, sessionOf, withTexts, type HandlerTable } from './handler-kit.ts';
import { randomId } from './secrets.ts';
import { gatherDrafts } from './text-documents.ts';
import { roundOfDocument } from './yjs.ts';

/** Named versions of position texts. */
export const textHandlers: HandlerTable<keyof typeof textCommands> = {
  'text:save-version': (input, identity, { hub, texts }) => {
    const versionId = randomId();
    return withTexts(texts, identity, () =>
      onSession(hub, identity, input.commandId, (state) => {
        // TX3: the text as the store has it (every update is stored before anyone else sees it).
        const updates = texts.yjsUpdates(state.id, textDocName(input.roundId, input.zoneId));
        const snapshot = updates.length > 0 ? Y.mergeUpdates(updates) : Y.encodeStateAsUpdate(new Y.Doc());
        return saveTextVersion(state, { ...input, versionId, snapshot });
      }),
    );
  },

  'text:get-version': async (input, identity, { hub, texts }) => {
    const sessionId = sessionOf(identity);
    const state = await hub.state(sessionId);
    const round = state?.rounds.find((r) => r.id === input.roundId);
    const version = round?.versions.find((v) => v.id === input.versionId);
    const data = version ? await texts.textVersionData(sessionId, input.roundId, input.versionId) : null;
    if (!version || !data) return fail('VERSION_NOT_FOUND', 'no such version of this round');
    return {
      ack: {
        ok: true,
        value: {
          versionId: version.id,
          label: version.label,
          zoneId: version.zoneId,
          update: Buffer.from(data).toString('base64'),
        },
      },
    };
  },

  // TX6: the zone drafts into the plenary text, before the round closes; acknowledged once the gathered
  // text is stored (on PostgreSQL the texts are written behind: the ack waits for that write).
  'text:gather-drafts': (input, identity, { hub, texts }) =>
    withTexts(texts, identity, async () => {
      const result = await onSession(hub, identity, input.commandId, (state) => {
        const round = state.rounds.find((r) => r.id === input.roundId);
        if (!round) return reject('ROUND_NOT_FOUND', 'unknown round');
        if (round.config.kind !== 'position-text' || !round.config.zoneDrafts) {
          return reject('ROUND_KIND', 'only a position text with zone drafts has drafts to gather');
        }
        if (round.status !== 'open') return reject('ROUND_NOT_OPEN', 'the round is not open');
        return accept([], { gathered: gatherDrafts(texts, state, round) });
      });
      if (!result.ack.ok || result.ack.value.gathered === 0 || !texts.stored) return result;
      try {
        await texts.stored(sessionOf(identity), textDocName(input.roundId, null));
      } catch {
        return fail('INTERNAL', 'the gathered text could not be stored');
      }
      return result;
    }),

  // TX5: realtime.ts let only a participant through; its identity is the one the ticket is bound to.
  'text:ticket': async (input, identity, { hub, tickets }) => {
    if (identity?.role !== 'participant') return fail('NOT_JOINED', 'join the session first');
    const state = await hub.state(identity.sessionId);
    const round = state ? roundOfDocument(state, input.docName) : null;
    if (!round || round.status === 'draft') return fail('ROUND_NOT_FOUND', 'no such text in this session');
    const { sessionId, participantId } = identity;
    return {
      ack: { ok: true, value: { ticket: tickets.issue({ sessionId, participantId, docName: input.docName }) } },
    };
  },
};
