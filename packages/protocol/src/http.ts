/** The HTTP endpoints, for the docs and the docs test. */
export const httpEndpoints = [
  {
    method: 'GET',
    path: '/healthz',
    description: 'Liveness and store check: `200 {"ok":true}` when the store answers, `503` otherwise.',
  },
  {
    method: 'GET',
    path: '/api/join/:code',
    description:
      'Session title and zones for a join code (`SessionInfo`), for the join page; `404` with an error body if unknown. Rate-limited per address.',
  },
] as const;
