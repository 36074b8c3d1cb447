import type { CommandName } from '@vrijuit/protocol';
import { newCommandId, newToken, signedInClient, single, timeless, type Workshop } from './helpers.ts';

/** A valid request per command, aimed at the real session, so one wrong field is the only fault. */
export function validRequestsFor(
  workshop: Pick<Workshop, 'sessionId' | 'joinCode' | 'phones'>,
  roundId: string,
): Record<CommandName, Record<string, unknown>> {
  const { sessionId, joinCode, phones } = workshop;
  return {
    'session:create': { commandId: newCommandId(), title: 'T', zones: ['A'] },
    'session:lookup': { joinCode },
    'participant:join': { joinCode, token: newToken(), zoneId: 'z1', name: 'N' },
    'participant:resume': { sessionId, token: phones[0]!.token },
    'facilitator:attach': { sessionId },
    'projector:attach': { sessionId },
    'session:update': { commandId: newCommandId(), title: 'T', date: '2026-03-12', settings: { weighted: true } },
    'round:update': { commandId: newCommandId(), roundId, question: 'Q', options: ['A', 'B'] },
    'round:move': { commandId: newCommandId(), roundId, position: 0 },
    'round:duplicate': { commandId: newCommandId(), roundId },
    'round:delete': { commandId: newCommandId(), roundId },
    'round:create': {
      commandId: newCommandId(),
      question: 'Q',
      options: ['A', 'B'],
      config: { kind: 'dot-voting', budget: 5, maxPerOption: 3 },
      reveal: 'live',
      durationSeconds: 60,
    },
    'round:open': { commandId: newCommandId(), roundId },
    'round:timer': { commandId: newCommandId(), roundId, seconds: 60 },
    'round:lock': { commandId: newCommandId(), roundId, locked: true },
    'round:reveal': { commandId: newCommandId(), roundId, revealed: true },
    'round:rerun': { commandId: newCommandId(), roundId },
    'session:next': { commandId: newCommandId() },
    'round:show': { commandId: newCommandId(), roundId },
    'round:close': { commandId: newCommandId(), roundId },
    'vote:cast': { commandId: newCommandId(), roundId, ballot: single('o1') },
    'painpoint:submit': { commandId: newCommandId(), roundId, text: 'Te weinig overleg', themeId: null },
    'painpoint:support': { commandId: newCommandId(), roundId, pointId: POINT, supported: true },
    'painpoint:hide': { commandId: newCommandId(), roundId, pointId: POINT, reason: 'off-topic' },
    'question:answer': { commandId: newCommandId(), roundId, pointId: POINT, answered: true },
    'painpoint:approve': { commandId: newCommandId(), roundId, pointIds: [POINT] },
    'painpoint:merge': { commandId: newCommandId(), roundId, pointId: POINT, intoId: POINT },
    'painpoint:theme': { commandId: newCommandId(), roundId, pointId: POINT, themeId: 'o1' },
    'painpoint:add-theme': { commandId: newCommandId(), roundId, label: 'Personeel' },
    'painpoint:accept-suggestion': { commandId: newCommandId(), roundId, theme: { themeId: 'o1' }, pointIds: [POINT] },
    'painpoint:suggest-themes': { roundId },
    'text:save-version': { commandId: newCommandId(), roundId, zoneId: null, label: 'Versie 1' },
    'text:get-version': { roundId, versionId: POINT },
    'text:gather-drafts': { commandId: newCommandId(), roundId },
    'text:ticket': { docName: `${roundId}-plenary` },
    'session:status': { commandId: newCommandId(), status: 'live' },
    'session:results-page': { commandId: newCommandId(), days: 30, note: 'We nemen het mee.' },
    // Never the real title: only garbage is sent with it, and a slip must not delete the workshop.
    'session:delete': { commandId: newCommandId(), title: 'Not the title' },
    'paper:vote': { commandId: newCommandId(), roundId, zoneId: 'z1', municipalityId: null, ballot: single('o1') },
    'paper:painpoint': { commandId: newCommandId(), roundId, text: 'Geen bus', themeId: null },
    'door:set': { commandId: newCommandId(), closed: false },
    'door:admit': { commandId: newCommandId(), zoneId: 'z1' },
    'door:turn-away': { commandId: newCommandId(), zoneId: 'z1' },
  };
}

/** A well-formed pain point id (none exists: only garbage is sent with it). */
export const POINT = 'pointpointpoint1';

/** What the facilitator can see, without the phones-online count (fuzzing sockets come and go). */
export async function facilitatorView(url: string, workshop: Pick<Workshop, 'sessionId' | 'cookie'>) {
  const client = await signedInClient(url, workshop.cookie);
  const view = await client.ok('facilitator:attach', { sessionId: workshop.sessionId });
  client.close();
  // Who is connected comes and goes with the test's own sockets; the rest must not change.
  return timeless({ ...view, attendance: { ...view.attendance, online: 0, onlineByZone: {} } });
}
