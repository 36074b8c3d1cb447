import type { ExportDocument } from '@vrijuit/protocol';

/** Names Windows refuses as a file's base name, whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/;
const MAX_SLUG = 60;

/** The title as ASCII lowercase words joined by dashes: accents dropped, everything else a separator. */
export function slug(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= MAX_SLUG) return ascii;
  // Cut at a word boundary so a long title does not end in half a word.
  const cut = ascii.slice(0, MAX_SLUG + 1);
  const dash = cut.lastIndexOf('-');
  return (dash > 0 ? cut.slice(0, dash) : ascii.slice(0, MAX_SLUG)).replace(/-+$/, '');
}

/**
 * An export's file name from the session (title slug and date, e.g.
 * `toekomst-welzijnszorg-kempen-sessie-2-2026-11-24.md`): ASCII only, so it is safe on every OS and in
 * a Content-Disposition header; `vrijuit-export` when the title has no letters or digits.
 */
export function exportFileName(session: Pick<ExportDocument['session'], 'title' | 'date'>, extension: string): string {
  let base = slug(session.title) || 'vrijuit-export';
  if (RESERVED.test(base)) base = `vrijuit-${base}`;
  return `${base}${session.date ? `-${session.date}` : ''}.${extension}`;
}
