import StarterKit from '@tiptap/starter-kit';

/**
 * The document schema of every co-edited text (editor, read-only version, assembling): the same nodes
 * and marks everywhere, so content copied from one text into another fits.
 */
export function textStarterKit() {
  return StarterKit.configure({
    undoRedo: false,
    heading: { levels: [2, 3] },
    blockquote: false,
    code: false,
    codeBlock: false,
    horizontalRule: false,
    link: false,
    strike: false,
    underline: false,
  });
}
