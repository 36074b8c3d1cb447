import { hasWall, type Moderation, type QueuedPoint, type Wall, type WallPoint } from '@vrijuit/protocol';
import { paperPointsOf } from './project-paper.ts';
import type { PainPoint, Round } from './state.ts';
import { tableValues } from './table.ts';

/**
 * The projection of a pain-point round (AN7-AN9, PP4-PP7). Entries are listed by id, which is random,
 * so no list follows the order people typed in; nothing names an author or a time.
 */

const byId = (a: PainPoint, b: PainPoint) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function sorted(round: Round, keep: (p: PainPoint) => boolean): PainPoint[] {
  return tableValues(round.points).filter(keep).sort(byId);
}

/**
 * The wall: released, top-level entries. Phones and the projector get no text for a hidden entry, only
 * its reason; the facilitator gets the text too, to show it again. Duplicates merged into an entry are
 * listed under it (their texts only, by id).
 */
export function wallOf(round: Round, forFacilitator: boolean): Wall | null {
  if (!hasWall(round.config) || round.status === 'draft') return null;
  const children = sorted(round, (p) => p.mergedInto !== null);
  const points = sorted(round, (p) => p.stage === 'wall' && p.mergedInto === null).map((p): WallPoint => ({
    id: p.id,
    text: p.hidden && !forFacilitator ? null : p.text,
    themeId: p.themeId,
    hidden: p.hidden,
    support: p.support,
    // A hidden entry hides the duplicates merged into it too, for the room (PP4).
    merged: p.hidden && !forFacilitator ? [] : children.filter((c) => c.mergedInto === p.id).map((c) => c.text),
    ...(p.answered ? { answered: true } : {}),
  }));
  return { points, paper: paperPointsOf(round) };
}

/**
 * The console only: who waits for the next batch, and the approval queue. `waitingPeople` is how many
 * participants have entries waiting, in whole steps of k (AN12: 0 until k people wrote, then k, 2k, …),
 * which the server counts in memory; entries stored by an older build in the inbox count as well.
 */
export function moderationOf(round: Round, waitingPeople = 0): Moderation | null {
  if (!hasWall(round.config) || round.status === 'draft') return null;
  const queue = sorted(round, (p) => p.stage === 'queue').map((p): QueuedPoint => ({
    id: p.id,
    text: p.text,
    themeId: p.themeId,
  }));
  return {
    waiting: waitingPeople + sorted(round, (p) => p.stage === 'inbox').length,
    queue,
    log: [...(round.moderation ?? [])],
  };
}

/** Entries released so far (on the wall or in the queue, merged ones included). */
export function releasedCount(round: Round): number {
  return tableValues(round.points).filter((p) => p.stage !== 'inbox').length;
}

/** AN10: the entries of the current round a voter key supports (its own phone only). */
export function supportedBy(round: Round, voterKey: string): string[] {
  return sorted(round, (p) => p.supporters.includes(voterKey)).map((p) => p.id);
}
