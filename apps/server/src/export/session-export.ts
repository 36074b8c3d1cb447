import type { ExportInput, SessionState } from '@vrijuit/core';
import { exportLabels } from '@vrijuit/export';
import type { ExportDocument } from '@vrijuit/protocol';
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
  const ownerId = await stores.accounts.ownerOf(state.id);
  const owner = ownerId ? await stores.accounts.byId(ownerId) : null;
  return {
    facilitator: owner?.name ?? null,
    texts: sessionTexts(state, stores.yjs),
    agreementLevels: exportLabels(state.language).agreementLevels,
  };
}

/** At most this many characters of the title in a file name. */
const TITLE_CHARS = 60;

/**
 * A safe file name from the session's title and date: letters and digits kept (accents too in the
 * UTF-8 name), everything else (slashes, dots, quotes, control characters) one dash. `ascii` is the
 * fallback for `filename=`, `utf8` the one for `filename*=`.
 */
export function exportFileName(
  session: Pick<ExportDocument['session'], 'title' | 'date'>,
  extension: string,
): { ascii: string; utf8: string } {
  const ext = /^[a-z0-9]{1,8}$/.test(extension) ? extension : 'bin';
  const clean = (title: string, keep: RegExp) =>
    Array.from(title.toLowerCase().replace(keep, '-').replace(/-+/g, '-').replace(/^-|-$/g, ''))
      .slice(0, TITLE_CHARS)
      .join('')
      .replace(/-$/, '');
  const name = (title: string) => [title || 'vrijuit', session.date].filter(Boolean).join('-') + `.${ext}`;
  const ascii = clean(session.title.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''), /[^a-z0-9]+/g);
  const utf8 = clean(session.title.normalize('NFC'), /[^\p{L}\p{N}]+/gu);
  return { ascii: name(ascii), utf8: name(utf8) };
}

/** RFC 6266 / 8187: both names, the UTF-8 one percent-encoded. */
export function contentDisposition(name: { ascii: string; utf8: string }): string {
  const encoded = encodeURIComponent(name.utf8).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return `attachment; filename="${name.ascii}"; filename*=UTF-8''${encoded}`;
}
