import { moderated } from './decide-pain-points.ts';
import { accept, reject, type Decision } from './result.ts';
import type { SessionState } from './state.ts';

/**
 * Questions (core SPEC QA). A question round is a wall (QA1): asking, voting, batches and moderation
 * are the pain points' own (decide-pain-points.ts). What only questions have: the answered mark.
 */

/**
 * QA2: the facilitator marks a question on the wall answered, or not answered again (false); open or
 * closed round. A question waiting, queued or unknown is `POINT_NOT_FOUND` or `POINT_STATE`, as PP4.
 */
export function answerQuestion(
  state: SessionState,
  input: { roundId: string; pointId: string; answered: boolean },
): Decision<Record<string, never>> {
  const round = state.rounds.find((r) => r.id === input.roundId);
  if (round && round.config.kind !== 'questions') return reject('ROUND_KIND', 'only a question round has answers');
  const m = moderated(state, input.roundId, input.pointId);
  if (!m.ok) return m.decision;
  if (m.point.stage !== 'wall') return reject('POINT_STATE', 'approve a queued question first');
  if ((m.point.answered ?? false) === input.answered) return accept([], {});
  return accept(
    [{ type: 'question:answered', roundId: m.round.id, pointId: m.point.id, answered: input.answered }],
    {},
  );
}
