import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { TEXT_FRAGMENT } from '@vrijuit/protocol';

/**
 * Writes a position text into a Y.Doc the way Tiptap's y-prosemirror binding does: block nodes as
 * Y.XmlElement named after the ProseMirror node (attributes as element attributes), text as Y.XmlText
 * (bold as a formatting attribute).
 */
export function writeTiptapText(doc: Y.Doc, words: { heading: string; paragraph: string; items: string[] }): void {
  const fragment = doc.getXmlFragment(TEXT_FRAGMENT);
  const text = (value: string, bold = false) => {
    const t = new Y.XmlText();
    t.insert(0, value, bold ? { bold: true } : {});
    return t;
  };
  const element = (name: string, children: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, unknown> = {}) => {
    const e = new Y.XmlElement(name);
    for (const [key, value] of Object.entries(attrs)) e.setAttribute(key, value as string);
    e.insert(0, children);
    return e;
  };
  const [firstWord, ...rest] = words.paragraph.split(' ');
  const mixed = text(`${firstWord} `, true);
  mixed.insert(`${firstWord} `.length, rest.join(' '));
  const paragraph = element('paragraph', [mixed]);
  doc.transact(() => {
    fragment.insert(0, [
      element('heading', [text(words.heading)], { level: 2 }),
      paragraph,
      element(
        'bulletList',
        words.items.map((item) => element('listItem', [element('paragraph', [text(item)])])),
      ),
    ]);
  });
}

/**
 * The readable content of an export file, for "is it there / is it absent" checks: text formats as
 * UTF-8; a zip (CSV zip, DOCX) as every entry's raw content (XML included, so document metadata such
 * as an author counts); a PDF as its raw bytes plus pdftotext's text (Debian's poppler-utils).
 */
export function exportText(bytes: Uint8Array): string {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const isPdf = Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
  if (!isZip && !isPdf) return Buffer.from(bytes).toString('utf8');
  const dir = mkdtempSync(join(tmpdir(), 'vrijuit-export-'));
  try {
    const file = join(dir, isZip ? 'file.zip' : 'file.pdf');
    writeFileSync(file, bytes);
    if (isZip) return execFileSync('unzip', ['-p', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
    // pdftotext is required (.ci/run installs poppler-utils): without it a PDF's compressed text would go unread.
    const raw = Buffer.from(bytes).toString('latin1');
    return raw + execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
