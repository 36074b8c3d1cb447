import * as Y from 'yjs';
import type { SessionState, TextNode } from '@vrijuit/core';
import { TEXT_FRAGMENT, textDocName } from '@vrijuit/protocol';
import type { YjsStore } from '../store/yjs-store.ts';
import { withTextDoc } from '../text-documents.ts';

/*
 * The position texts of a session as plain ProseMirror JSON, for the export (issue 7). Only the words
 * and their structure leave Yjs: no client ids, no item ids, no edit history, no marks (A1).
 */

/** A Yjs rich-text node as ProseMirror JSON (y-prosemirror writes elements by node name, text as XmlText). */
function nodeOf(item: Y.XmlElement | Y.XmlText | Y.XmlHook): TextNode[] {
  if (item instanceof Y.XmlText) {
    // Marks are attributes of the delta: dropped, an export carries the words only.
    const text = (item.toDelta() as { insert?: unknown }[])
      .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
      .join('');
    return text.length > 0 ? [{ type: 'text', text }] : [];
  }
  if (item instanceof Y.XmlElement) {
    const attrs = item.getAttributes();
    const content = item.toArray().flatMap(nodeOf);
    return [
      {
        type: item.nodeName,
        ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
        ...(content.length > 0 ? { content } : {}),
      },
    ];
  }
  return [];
}

/** The document's rich text (the fragment Tiptap edits) as a ProseMirror `doc` node. */
export function textOfDoc(doc: Y.Doc): TextNode {
  return { type: 'doc', content: doc.getXmlFragment(TEXT_FRAGMENT).toArray().flatMap(nodeOf) };
}

/**
 * One document's text: from the live document when editors have it loaded (it holds every update the
 * store has, see yjs-persistence.ts), otherwise rebuilt from the store's log the way the server loads a
 * document before its first sync. A document nobody ever wrote is an empty `doc`.
 */
export function readText(store: YjsStore, sessionId: string, docName: string): TextNode {
  return withTextDoc(store, sessionId, docName, textOfDoc);
}

/** Every position text of the session's rounds that ran (plenary and, with zone drafts, one per zone), by document name. */
export function sessionTexts(state: SessionState, store: YjsStore): Record<string, TextNode> {
  const texts: Record<string, TextNode> = {};
  for (const round of state.rounds) {
    if (round.config.kind !== 'position-text' || round.status === 'draft') continue;
    const names = [textDocName(round.id, null)];
    if (round.config.zoneDrafts) names.push(...state.zones.map((z) => textDocName(round.id, z.id)));
    for (const name of names) texts[name] = readText(store, state.id, name);
  }
  return texts;
}
