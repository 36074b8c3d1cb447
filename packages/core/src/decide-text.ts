import { LIMITS } from '@vrijuit/protocol';
import { accept, reject, type Decision } from './result.ts';
import type { SessionState } from './state.ts';

/**
 * TX3: the facilitator saves a named version of a position-text round's plenary text (zoneId null) or
 * of a zone's draft (only when the round has zone drafts). `snapshot` is the text's Yjs state as the
 * server has it now; ids come from the caller.
 */
export function saveTextVersion(
  state: SessionState,
  input: { roundId: string; versionId: string; zoneId: string | null; label: string; snapshot: Uint8Array },
): Decision<{ versionId: string }> {
  const round = state.rounds.find((r) => r.id === input.roundId);
  if (!round) return reject('ROUND_NOT_FOUND', 'unknown round');
  if (round.config.kind !== 'position-text') return reject('ROUND_KIND', 'only a position-text round has versions');
  if (round.status === 'draft') return reject('ROUND_STATE', 'open the round first');
  if (input.zoneId !== null && (!round.config.zoneDrafts || !state.zones.some((z) => z.id === input.zoneId))) {
    return reject('ZONE_NOT_FOUND', 'this round has no draft for that zone');
  }
  if (round.versions.length >= LIMITS.versions) return reject('BAD_REQUEST', `at most ${LIMITS.versions} versions`);
  const version = { id: input.versionId, number: round.versions.length + 1, label: input.label, zoneId: input.zoneId };
  return accept([{ type: 'text:version-saved', roundId: round.id, version, snapshot: input.snapshot }], {
    versionId: input.versionId,
  });
}
