import type { ComparedRound, SavedTemplate } from '@vrijuit/protocol';
import { call } from '$lib/auth/api.ts';

/** Saved templates and the pulse across sessions (packages/protocol/src/templates.ts). */
export const templatesApi = {
  list: () => call<SavedTemplate[]>('GET', '/api/templates'),
  save: (sessionId: string, name: string) =>
    call<SavedTemplate>('POST', `/api/sessions/${encodeURIComponent(sessionId)}/template`, { name }),
  remove: (id: string) => call<null>('DELETE', `/api/templates/${encodeURIComponent(id)}`),
  compare: (key: string) => call<ComparedRound[]>('GET', `/api/compare/${encodeURIComponent(key)}`),
};
