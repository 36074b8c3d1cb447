import type { RoundResults, Wall } from '@vrijuit/protocol';
import type { Round } from './state.ts';

/**
 * PA5: what the room (phones, projector) sees of paper input. While a round is open its results and
 * wall change with each input; a paper count growing beside them would tell which change came from
 * paper, and so, with few paper voters in the room, whose it was. The room gets the count once the
 * round is closed; the console, where the paper forms were typed in, always has it.
 */
export function paperForRoom<T extends RoundResults | Wall>(round: Round, shown: T | null): T | null {
  if (!shown || round.status === 'closed') return shown;
  return { ...shown, paper: null };
}

/** PA4: pain points released from paper so far (a count on the round; no entry is marked). */
export const paperPointsOf = (round: Round): number => round.paperPoints ?? 0;
