import type { Ack, ResultsPageView } from '@vrijuit/protocol';
import { ROUTING_PARAM } from '@vrijuit/protocol/constants';

/**
 * `GET /api/results/:code` (core SPEC RP1): the results page of an ended session, no account needed.
 * Asked by the phone's browser once the join page says the session has ended. RT1: with the session's id
 * (when the phone knows it) as the routing key, so a proxy that routes by session sends it to the process
 * that holds the session, which does not have to take it from another.
 */
export async function fetchResultsPage(code: string, routingKey: string | null): Promise<Ack<ResultsPageView>> {
  const key = routingKey === null ? '' : `?${ROUTING_PARAM}=${encodeURIComponent(routingKey)}`;
  const response = await fetch(`/api/results/${encodeURIComponent(code)}${key}`, {
    headers: { accept: 'application/json' },
  });
  return (await response.json()) as Ack<ResultsPageView>;
}

/** A page day (`YYYY-MM-DD`, UTC) as a Date at noon UTC, so no time zone moves it to another day. */
export const pageDay = (day: string): Date => new Date(`${day}T12:00:00Z`);

/** The longest bar of a vote round is full width; the others in proportion (0 when nothing was given). */
export function barWidths(values: readonly (number | null)[]): number[] {
  const max = Math.max(0, ...values.map((v) => v ?? 0));
  return values.map((v) => (max > 0 && v !== null ? Math.max(0, v) / max : 0));
}
