import { xml2js, type Element } from 'xml-js';

/*
 * For tests only: an accessibility check of a DOCX package read from its XML, rule by rule after
 * LibreOffice Writer's own check (sw/source/core/access/AccessibilityCheck.cxx), which 7.4 only runs
 * from its dialog, never headless. Each rule names the LibreOffice check it follows; a few go further
 * (header rows, table captions, alt text on every drawing, figures beside every bar). The answer is a
 * list of issues, each "rule: where", empty for an accessible document.
 */

export interface Expected {
  /** The session's locale, e.g. 'nl-BE'. */
  readonly locale: string;
  readonly title: string;
}

const WORD_FORMATTING = ['w:b', 'w:i', 'w:color', 'w:sz', 'w:u', 'w:strike', 'w:shadow', 'w:rFonts', 'w:highlight'];

const children = (el: Element | undefined, name?: string): Element[] =>
  (el?.elements ?? []).filter((c) => c.type === 'element' && (name === undefined || c.name === name));
const child = (el: Element | undefined, name: string) => children(el, name)[0];
const attr = (el: Element | undefined, name: string) => el?.attributes?.[name]?.toString();
/** An OOXML on/off property: present and not switched off by its value. */
const on = (el: Element | undefined) => el !== undefined && !['0', 'false', 'off'].includes(attr(el, 'w:val') ?? '1');
const headerRow = (tr: Element | undefined) => on(child(child(tr, 'w:trPr'), 'w:tblHeader'));

/** Every descendant named `name`, in document order. */
function all(el: Element | undefined, name: string): Element[] {
  const out: Element[] = [];
  for (const c of children(el)) {
    if (c.name === name) out.push(c);
    out.push(...all(c, name));
  }
  return out;
}

const textIn = (el: Element | undefined) => (el?.elements ?? []).map((n) => n.text ?? '').join('');
/** A paragraph's or cell's text: its w:t runs joined. */
const textOf = (el: Element) => all(el, 'w:t').map(textIn).join('');

const root = (xml: string | undefined) => (xml ? (xml2js(xml) as Element) : undefined);
const headingLevel = (p: Element) => /^Heading(\d)$/.exec(attr(child(child(p, 'w:pPr'), 'w:pStyle'), 'w:val') ?? '');
const styleOf = (p: Element | undefined) => attr(child(child(p, 'w:pPr'), 'w:pStyle'), 'w:val');
const short = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** WCAG 2 contrast ratio of a hex colour against another. */
export function contrast(hex: string, against = 'FFFFFF'): number {
  const luminance = (h: string) => {
    const [r, g, b] = [0, 2, 4].map((i) => {
      const c = parseInt(h.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  };
  const [dark, light] = [luminance(hex), luminance(against)].sort((a, b) => a - b);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

/** The body's headings: title first, never a level skipped on the way down, none in a table. */
function headingIssues(body: Element): string[] {
  const issues: string[] = [];
  let previous = 0;
  for (const p of children(body, 'w:p')) {
    const level = Number(headingLevel(p)?.[1] ?? 0);
    if (!level) continue;
    if (previous === 0 && level !== 1) issues.push(`heading-start: ${short(textOf(p))} is level ${level}`);
    else if (level > previous + 1)
      issues.push(`heading-order: level ${level} after ${previous} at ${short(textOf(p))}`);
    if (textOf(p).trim() === '') issues.push(`heading-empty: a level ${level} heading`);
    previous = level;
  }
  for (const table of all(body, 'w:tbl'))
    for (const p of all(table, 'w:p')) if (headingLevel(p)) issues.push(`heading-in-table: ${short(textOf(p))}`);
  return issues;
}

/** A key–value table (the facts under the title): two columns, each row's first cell its header. */
const keyValue = (rows: Element[]) =>
  rows.every((tr) => {
    const cells = children(tr, 'w:tc');
    return cells.length === 2 && styleOf(child(cells[0], 'w:p')) === 'TableHeading';
  });

function tableIssues(body: Element): string[] {
  const issues: string[] = [];
  for (const table of all(body, 'w:tbl')) {
    const rows = children(table, 'w:tr');
    const cells = rows.flatMap((tr) => children(tr, 'w:tc'));
    const name = short(textOf(rows[0] ?? table));
    const props = child(table, 'w:tblPr');
    if (!attr(child(props, 'w:tblCaption'), 'w:val')?.trim()) issues.push(`table-caption: ${name}`);
    if (!headerRow(rows[0]) && !keyValue(rows)) issues.push(`table-header-row: ${name}`);
    if (rows.slice(1).some(headerRow)) issues.push(`table-header-row: a body row of ${name} marked as header`);
    // LibreOffice: TableNodeMergeSplitCheck.
    if (new Set(rows.map((tr) => children(tr, 'w:tc').length)).size > 1 || all(table, 'w:gridSpan').length)
      issues.push(`table-merge-split: ${name}`);
    if (all(table, 'w:vMerge').length) issues.push(`table-merge-split: ${name}`);
    // LibreOffice: TableFormattingCheck (more than half the cells empty: a table used for layout).
    const empty = cells.filter((tc) => textOf(tc).trim() === '' && all(tc, 'w:drawing').length === 0).length;
    if (empty > Math.floor(cells.length / 2))
      issues.push(`table-formatting: ${empty} of ${cells.length} cells empty in ${name}`);
    if (all(table, 'w:tbl').length) issues.push(`table-nested: ${name}`);
    // A bar is never the only telling of a figure: its row holds the number too.
    for (const tr of rows)
      if (all(tr, 'w:drawing').length && !children(tr, 'w:tc').some((tc) => /\d/.test(textOf(tc))))
        issues.push(`colour-alone: a bar without its figure in ${name}`);
  }
  return issues;
}

/** LibreOffice: NoTextNodeAltTextCheck; here every drawing needs a description, decorative or not. */
function imageIssues(body: Element): string[] {
  return all(body, 'wp:docPr')
    .filter((pr) => !attr(pr, 'descr')?.trim())
    .map((pr) => `image-alt: drawing ${short(attr(pr, 'name') ?? '')} has no description`);
}

/**
 * LibreOffice: NewlineSpacingCheck, made stricter: an empty paragraph in the body only where Word needs
 * one (between two tables, or after a table at the very end); never two empty paragraphs in a row.
 */
function spacingIssues(body: Element): string[] {
  const issues: string[] = [];
  const blocks = children(body).filter((el) => el.name === 'w:p' || el.name === 'w:tbl');
  blocks.forEach((el, i) => {
    if (el.name !== 'w:p' || textOf(el) !== '' || all(el, 'w:drawing').length) return;
    const before = blocks[i - 1]?.name;
    const after = blocks[i + 1]?.name;
    if (!(before === 'w:tbl' && (after === 'w:tbl' || after === undefined)))
      issues.push(`empty-paragraph: spacing after ${short(textOf(blocks[i - 1] ?? el))}`);
  });
  return issues;
}

/** LibreOffice: TextFormattingCheck (direct formatting on runs) and TextContrastCheck (4.5:1 on white). */
function formattingIssues(part: string, xml: Element): string[] {
  const issues: string[] = [];
  for (const r of all(xml, 'w:r')) {
    const direct = children(child(r, 'w:rPr')).filter((el) => WORD_FORMATTING.includes(el.name ?? ''));
    if (direct.length && textOf(r) !== '')
      issues.push(`direct-formatting: ${direct.map((el) => el.name).join(' ')} on ${short(textOf(r))} in ${part}`);
  }
  for (const colour of all(xml, 'w:color')) {
    const value = attr(colour, 'w:val') ?? 'auto';
    if (value !== 'auto' && contrast(value) < 4.5)
      issues.push(`contrast: #${value} is ${contrast(value).toFixed(2)}:1 on white in ${part}`);
  }
  return issues;
}

/** Every accessibility issue in the package's parts (file name to XML text); empty when there is none. */
export function docxAccessibilityIssues(parts: Readonly<Record<string, string>>, expected: Expected): string[] {
  const issues: string[] = [];
  const document = root(parts['word/document.xml']);
  const body = child(child(document, 'w:document'), 'w:body');
  if (!body) return ['package: no word/document.xml body'];
  // LibreOffice: DocumentDefaultLanguageCheck.
  const defaults = child(child(child(root(parts['word/styles.xml']), 'w:styles'), 'w:docDefaults'), 'w:rPrDefault');
  const language = attr(child(child(defaults, 'w:rPr'), 'w:lang'), 'w:val');
  if (language !== expected.locale) issues.push(`language: default ${language ?? 'not set'}, not ${expected.locale}`);
  // LibreOffice: DocumentTitleCheck.
  const core = child(root(parts['docProps/core.xml']), 'cp:coreProperties');
  const title = textIn(child(core, 'dc:title'));
  if (title.trim() !== expected.title) issues.push(`title: docProps/core.xml names ${short(title)}`);
  issues.push(...headingIssues(body), ...tableIssues(body), ...imageIssues(body), ...spacingIssues(body));
  for (const [name, xml] of Object.entries(parts))
    if (/^word\/(document|styles|footer\d*|header\d*)\.xml$/.test(name))
      issues.push(...formattingIssues(name, root(xml) ?? {}));
  return issues;
}
