import { docs, getYDoc } from '@y/websocket-server/utils';
import { reject, type Round, type SessionState } from '@vrijuit/core';
import { TEXT_FRAGMENT, textDocName } from '@vrijuit/protocol';
import * as Y from 'yjs';
import type { YjsStore } from './store/yjs-store.ts';

/*
 * The position texts as the server reads and writes them outside an editor's connection (TX6): whether a
 * text holds anything, and gathering the zone drafts into the plenary text before a round closes.
 */

const liveName = (sessionId: string, docName: string) => `${sessionId}/${docName}`;

/** The characters of a text that are not white space (a fresh text is one empty paragraph). */
function visibleText(node: Y.XmlFragment | Y.XmlElement): number {
  let count = 0;
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const part of child.toDelta() as { insert: unknown }[]) {
        if (typeof part.insert === 'string') count += part.insert.trim().length;
      }
    } else if (child instanceof Y.XmlElement) count += visibleText(child);
  }
  return count;
}

/**
 * Reads a text as the server has it: the document in memory while editors have it loaded (it holds
 * every update the store has, yjs-persistence.ts), else rebuilt from the store's log the way the server
 * loads a document before its first sync. A document nobody ever wrote is empty.
 */
export function withTextDoc<T>(store: YjsStore, sessionId: string, docName: string, read: (doc: Y.Doc) => T): T {
  const live = docs.get(liveName(sessionId, docName));
  if (live && !live.isDestroyed) return read(live);
  const doc = new Y.Doc();
  try {
    const updates = store.yjsUpdates(sessionId, docName);
    Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)));
    return read(doc);
  } finally {
    doc.destroy();
  }
}

const fragmentOf = (doc: Y.Doc) => doc.getXmlFragment(TEXT_FRAGMENT);

/** The zone drafts of a position-text round that hold text, in the order of the session's zones. */
function draftsWithText(store: YjsStore, state: SessionState, round: Round) {
  if (round.config.kind !== 'position-text' || !round.config.zoneDrafts) return [];
  return state.zones
    .map((zone) => ({
      zone,
      // Copies of the draft's paragraphs that hold text, made while its document is at hand.
      blocks: withTextDoc(store, state.id, textDocName(round.id, zone.id), (doc) =>
        fragmentOf(doc)
          .toArray()
          .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && visibleText(node) > 0)
          .map((node) => node.clone()),
      ),
    }))
    .filter((draft) => draft.blocks.length > 0);
}

const plenaryIsEmpty = (store: YjsStore, state: SessionState, round: Round) =>
  withTextDoc(store, state.id, textDocName(round.id, null), (doc) => visibleText(fragmentOf(doc))) === 0;

/**
 * TX6: closing this round (by default the open one, as opening another or "next" does) would end it
 * with an empty plenary text while zone drafts hold text, and the facilitator did not confirm that:
 * refused with `TEXT_EMPTY` (null when the close may go ahead).
 */
export function emptyTextRefusal(
  store: YjsStore,
  state: SessionState,
  confirmed = false,
  roundId = state.rounds.find((r) => r.status === 'open')?.id,
) {
  const round = state.rounds.find((r) => r.id === roundId);
  if (confirmed || !round || round.status !== 'open' || round.config.kind !== 'position-text') return null;
  if (!round.config.zoneDrafts || !plenaryIsEmpty(store, state, round)) return null;
  if (draftsWithText(store, state, round).length === 0) return null;
  return reject('TEXT_EMPTY', 'the plenary text is empty while zone drafts hold text');
}

function heading(label: string): Y.XmlElement {
  const element = new Y.XmlElement('heading');
  // As the editor's schema stores it (y-prosemirror keeps attribute values as they are).
  element.setAttribute('level', 2 as unknown as string);
  const text = new Y.XmlText();
  text.insert(0, label);
  element.insert(0, [text]);
  return element;
}

/**
 * TX6: appends every zone draft that holds text to the end of the plenary text, under its zone's name,
 * in one change that every editor of the plenary text receives (and the store keeps before they do, R3).
 * An empty plenary text is replaced rather than left as a blank line above. Answers how many drafts went in.
 */
export function gatherDrafts(store: YjsStore, state: SessionState, round: Round): number {
  const drafts = draftsWithText(store, state, round);
  if (drafts.length === 0) return 0;
  const name = liveName(state.id, textDocName(round.id, null));
  const wasLive = docs.has(name);
  const plenary = getYDoc(name);
  plenary.transact(() => {
    const text = fragmentOf(plenary);
    if (visibleText(text) === 0) text.delete(0, text.length);
    for (const { zone, blocks } of drafts) text.insert(text.length, [heading(zone.name), ...blocks]);
  });
  // Nobody had it open: it is in the store now, and need not stay in memory.
  if (!wasLive && plenary.conns.size === 0) {
    docs.delete(name);
    plenary.destroy();
  }
  return drafts.length;
}
