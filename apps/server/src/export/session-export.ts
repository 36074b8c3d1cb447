import type { ExportInput, SessionState } from '@vrijuit/core';
// The export's words alone: the renderers (docx, pdfmake) load in the export worker, not at the server's start.
import { exportWords } from '@vrijuit/export/words';
import type { AccountStore } from '../store/account-store.ts';
import type { YjsStore } from '../store/yjs-store.ts';
import { sessionTexts } from './text-snapshot.ts';

/**
 * What core's `exportDocument` needs beside the state (issue 7): the position texts read out of Yjs
 * (here: the live documents live on this thread), the owner's account name as the facilitator (the one
 * person an export names) and the agreement labels in the session's language. The model itself is
 * built in the export worker (export-worker.ts).
 */
export async function exportInput(
  state: SessionState,
  stores: { yjs: YjsStore; accounts: AccountStore },
): Promise<ExportInput> {
  await stores.yjs.ready?.(state.id);
  // Read at once after `ready` (a store written behind has the texts in memory now).
  const texts = sessionTexts(state, stores.yjs);
  const ownerId = await stores.accounts.ownerOf(state.id);
  const owner = ownerId ? await stores.accounts.byId(ownerId) : null;
  return {
    facilitator: owner?.name ?? null,
    texts,
    words: exportWords(state.language),
  };
}

/**
 * RFC 6266 / 8187 for the renderer's file name (ASCII already, see packages/export/src/file-name.ts):
 * both forms, the second percent-encoded, so no quote or byte of the title can break the header.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '-');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
