import { Editor, type JSONContent } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { TEXT_FRAGMENT, YJS_PATH_PREFIX } from '@vrijuit/protocol/constants';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { yjsServerUrl } from './collab.ts';
import { textStarterKit } from './extensions.ts';

const SYNC_TIMEOUT_MS = 8000;
/** How long the socket stays open after the edit, for the update to leave the browser. */
const FLUSH_MS = 400;

/**
 * Appends `content` (ProseMirror JSON nodes, e.g. a zone draft under its name as a heading) at the end of
 * one of a session's texts: opens the document on the server, waits for it to be complete (otherwise the
 * "end" could be the start of text not loaded yet), inserts through a Tiptap editor that is not on the
 * page, lets the update go out and closes. Rejects when the server is not reached in time.
 */
export async function appendToText(options: {
  sessionId: string;
  docName: string;
  content: JSONContent[];
}): Promise<void> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    yjsServerUrl(location, YJS_PATH_PREFIX),
    `${options.sessionId}/${options.docName}`,
    doc,
  );
  let editor: Editor | null = null;
  try {
    await new Promise<void>((resolve, reject) => {
      if (provider.synced) return resolve();
      const timer = setTimeout(() => reject(new Error('sync timeout')), SYNC_TIMEOUT_MS);
      provider.once('sync', (synced: boolean) => {
        clearTimeout(timer);
        if (synced) resolve();
        else reject(new Error('not synced'));
      });
    });
    editor = new Editor({
      element: document.createElement('div'),
      injectCSS: false,
      extensions: [textStarterKit(), Collaboration.configure({ fragment: doc.getXmlFragment(TEXT_FRAGMENT) })],
    });
    const end = editor.state.doc.content.size;
    // An empty text is one empty paragraph: replace it rather than leave a blank line above.
    const empty = editor.isEmpty;
    const inserted = empty
      ? editor.commands.setContent({ type: 'doc', content: options.content })
      : editor.commands.insertContentAt(end, options.content);
    if (!inserted) throw new Error('not inserted');
    await new Promise((resolve) => setTimeout(resolve, FLUSH_MS));
    if (!provider.wsconnected) throw new Error('disconnected');
  } finally {
    editor?.destroy();
    provider.destroy();
    doc.destroy();
  }
}
