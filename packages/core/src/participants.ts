import type { Participant } from './state.ts';
import { tableFromEntries, tableGet, tableSet, tableValues, type Table } from './table.ts';

/**
 * A session's participants, kept so that a join costs one bucket and not every participant (issue 17,
 * P1): a persistent table by id, an index from token hash to id (a join or resume looks its token up
 * instead of scanning), and the counts the screens show, overall and per zone, kept up to date instead
 * of counted per view.
 */
export interface Participants {
  readonly byId: Table<Participant>;
  /** Token hash -> participant id (SE1: one token, one participant). */
  readonly byToken: Table<string>;
  readonly count: number;
  /** Zone id -> participants who joined in it. */
  readonly perZone: Readonly<Record<string, number>>;
}

export const NO_PARTICIPANTS: Participants = { byId: {}, byToken: {}, count: 0, perZone: {} };

/** The participants with `participant` added (or, with an id already there, replaced). */
export function withParticipant(all: Participants, participant: Participant): Participants {
  const previous = tableGet(all.byId, participant.id);
  const perZone = { ...all.perZone };
  if (previous) perZone[previous.zoneId] = (perZone[previous.zoneId] ?? 1) - 1;
  perZone[participant.zoneId] = (perZone[participant.zoneId] ?? 0) + 1;
  return {
    byId: tableSet(all.byId, participant.id, participant),
    byToken: tableSet(all.byToken, participant.tokenHash, participant.id),
    count: all.count + (previous ? 0 : 1),
    perZone,
  };
}

/** Built at once (loading a session from the store). */
export function participantsFrom(list: readonly Participant[]): Participants {
  const perZone: Record<string, number> = {};
  for (const p of list) perZone[p.zoneId] = (perZone[p.zoneId] ?? 0) + 1;
  return {
    byId: tableFromEntries(list.map((p) => [p.id, p] as const)),
    byToken: tableFromEntries(list.map((p) => [p.tokenHash, p.id] as const)),
    count: list.length,
    perZone,
  };
}

export function participantById(all: Participants, id: string): Participant | undefined {
  return tableGet(all.byId, id);
}

export function participantByToken(all: Participants, tokenHash: string): Participant | undefined {
  const id = tableGet(all.byToken, tokenHash);
  return id === undefined ? undefined : tableGet(all.byId, id);
}

/** Every participant, in no meaningful order (for the export's attendance; never per event). */
export function participantList(all: Participants): Participant[] {
  return tableValues(all.byId);
}
