import type { PainPointEvent } from './events.ts';
import type { PainPoint, Round } from './state.ts';
import { tableGet, tableSetAll, tableUpdate, tableValues } from './table.ts';

function withPoints(round: Round, ids: readonly string[], change: (p: PainPoint) => PainPoint): Round {
  return { ...round, points: tableUpdate(round.points, ids, change) };
}

const withPoint = (round: Round, id: string, change: (p: PainPoint) => PainPoint): Round =>
  withPoints(round, [id], change);

type Submitted = Extract<PainPointEvent, { type: 'painpoint:submitted' }>;

const submittedPoint = (event: Submitted): PainPoint => ({
  id: event.pointId,
  text: event.text,
  themeId: event.themeId,
  stage: 'inbox',
  hidden: null,
  mergedInto: null,
  support: 0,
  supporters: [],
});

/**
 * A batch of submitted entries at once (AN13: a release stores hundreds): each bucket of the round's
 * tables is copied once for the batch, not once per entry (P3). The same round as evolving them one by one.
 */
export function submitAll(round: Round, events: readonly Submitted[]): Round {
  const counts = new Map<string, number>();
  let paper = 0;
  for (const event of events) {
    // PA3: a paper entry counts against no participant's limit, only as waiting paper.
    if (event.paper) paper++;
    else counts.set(event.voterKey, (counts.get(event.voterKey) ?? tableGet(round.submitted, event.voterKey) ?? 0) + 1);
  }
  return {
    ...round,
    points: tableSetAll(
      round.points,
      events.map((e) => [e.pointId, submittedPoint(e)] as const),
    ),
    ...(counts.size > 0 ? { submitted: tableSetAll(round.submitted, counts) } : {}),
    ...(paper > 0 ? { paperWaiting: (round.paperWaiting ?? 0) + paper } : {}),
  };
}

/** A pain-point round after `event` (the round is the event's). Never mutates its input. */
export function evolvePainPoints(round: Round, event: PainPointEvent): Round {
  switch (event.type) {
    case 'painpoint:submitted':
      return submitAll(round, [event]);
    case 'painpoints:released': {
      const released = withPoints(round, event.pointIds, (p) => ({ ...p, stage: event.stage }));
      if (!event.paper) return released;
      // PA4: the batch's paper entries join the round's count; which ones they were is not kept.
      // Paper entries typed in after this batch was cut still wait (a release may be one slice, P3).
      const paperWaiting = Math.max(0, (round.paperWaiting ?? 0) - event.paper);
      return { ...released, paperWaiting, paperPoints: (round.paperPoints ?? 0) + event.paper };
    }
    case 'painpoints:approved':
      return withPoints(round, event.pointIds, (p) => ({ ...p, stage: 'wall' }));
    case 'painpoint:supported':
      return withPoint(round, event.pointId, (p) =>
        event.supported
          ? { ...p, support: p.support + 1, supporters: [...p.supporters, event.supporterKey] }
          : { ...p, support: p.support - 1, supporters: p.supporters.filter((k) => k !== event.supporterKey) },
      );
    case 'painpoint:hidden':
      // A queued entry that is hidden is rejected: it goes on the wall as hidden, reason and all.
      return withPoint(round, event.pointId, (p) => ({ ...p, hidden: event.reason, stage: 'wall' }));
    case 'question:answered':
      return withPoint(round, event.pointId, (p) => ({ ...p, answered: event.answered }));
    case 'painpoint:themed':
      return withPoint(round, event.pointId, (p) => ({ ...p, themeId: event.themeId }));
    case 'painpoint:merged': {
      const children = tableValues(round.points)
        .filter((p) => p.mergedInto === event.pointId)
        .map((p) => p.id);
      const merged = withPoints(round, children, (p) => ({ ...p, mergedInto: event.intoId }));
      const source = withPoint(merged, event.pointId, (p) => ({ ...p, mergedInto: event.intoId, supporters: [] }));
      return withPoint(source, event.intoId, (p) => ({ ...p, support: event.support, supporters: event.supporters }));
    }
    case 'round:theme-added':
      return { ...round, options: [...round.options, event.theme] };
    case 'moderation:logged':
      return { ...round, moderation: [...(round.moderation ?? []), event.entry] };
  }
}
