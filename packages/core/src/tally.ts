import type { Tally } from '@vrijuit/protocol';
import type { Ballot, Round, ZoneTally } from './state.ts';

/** Counts per zone per option from the ballots of an open round (VO2). */
export function zoneTallyOf(ballots: Readonly<Record<string, Ballot>>): ZoneTally {
  const out: Record<string, Record<string, number>> = {};
  for (const { zoneId, optionId } of Object.values(ballots)) {
    const zone = (out[zoneId] ??= {});
    zone[optionId] = (zone[optionId] ?? 0) + 1;
  }
  return out;
}

/** The overall single-choice tally: one ballot per voter, every option listed, zeros included (VO1). */
export function tallyOf(round: Round): Tally {
  const byZone = round.closedTally ?? zoneTallyOf(round.ballots);
  const counts: Record<string, number> = Object.fromEntries(round.options.map((o) => [o.id, 0]));
  let ballots = 0;
  for (const zone of Object.values(byZone)) {
    for (const [optionId, n] of Object.entries(zone)) {
      counts[optionId] = (counts[optionId] ?? 0) + n;
      ballots += n;
    }
  }
  return { ballots, counts };
}
