import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { paragraphTexts, textBlocks } from '@vrijuit/core/text';
import { textOfDoc, readText } from '../src/export/text-snapshot.ts';
import type { YjsStore } from '../src/store/yjs-store.ts';
import { writeTiptapText } from './export-text.ts';

const WORDS = {
  heading: 'Ons standpunt',
  paragraph: 'Wij willen vaker samen overleggen over de planning.',
  items: ['Eén keer per maand', 'Met een vaste agenda'],
};

/** A store holding one document's log, as the server keeps it. */
function storeWith(updates: Uint8Array[]): YjsStore {
  return {
    yjsUpdates: () => updates,
    appendYjsUpdate: () => 0,
    compactYjs: () => undefined,
    textVersionData: () => null,
  };
}

describe('position texts out of Yjs (issue 7)', () => {
  it('reads a Tiptap-written document as ProseMirror JSON: heading with its level, paragraph without marks, list items', () => {
    const doc = new Y.Doc();
    writeTiptapText(doc, WORDS);
    const node = textOfDoc(doc);
    expect(node).toEqual({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ons standpunt' }] },
        { type: 'paragraph', content: [{ type: 'text', text: WORDS.paragraph }] },
        {
          type: 'bulletList',
          content: WORDS.items.map((item) => ({
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: item }] }],
          })),
        },
      ],
    });
    // What core makes of it: the words and the structure, nothing about who typed them.
    expect(textBlocks(node)).toEqual([
      { type: 'heading', level: 2, text: 'Ons standpunt' },
      { type: 'paragraph', text: WORDS.paragraph },
      { type: 'list', ordered: false, items: WORDS.items.map((text) => ({ text, depth: 0 })) },
    ]);
    expect(paragraphTexts(node)).toEqual([WORDS.heading, WORDS.paragraph, ...WORDS.items]);
    // A1: no Yjs client id anywhere in what leaves the document.
    expect(JSON.stringify(node)).not.toContain(String(doc.clientID));
  });

  it('rebuilds a document nobody has open from the store’s log (several updates, two editors)', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const updates: Uint8Array[] = [];
    a.on('update', (u: Uint8Array) => updates.push(u));
    writeTiptapText(a, WORDS);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    b.on('update', (u: Uint8Array) => updates.push(u));
    const extra = new Y.XmlElement('paragraph');
    extra.insert(0, [new Y.XmlText('Toegevoegd door de tweede schrijver.')]);
    b.getXmlFragment('text').push([extra]);
    const node = readText(storeWith(updates), 'no-live-session', 'no-live-doc');
    expect(paragraphTexts(node)).toEqual([...paragraphTexts(textOfDoc(a)), 'Toegevoegd door de tweede schrijver.']);
    const json = JSON.stringify(node);
    expect(json).not.toContain(String(a.clientID));
    expect(json).not.toContain(String(b.clientID));
  });

  it('an empty log is an empty doc', () => {
    expect(readText(storeWith([]), 'no-live-session', 'no-live-doc')).toEqual({ type: 'doc', content: [] });
  });
});
