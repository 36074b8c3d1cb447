import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportDocument } from '@vrijuit/core';
import { DUTCH_WORDS, fixtureInput, fixtureSession } from '@vrijuit/core/export-fixture';
import type { SessionLanguage } from '@vrijuit/protocol';
import { exportLabels, exportWords } from './i18n/index.ts';
import { renderDocx } from './render-docx.ts';
import { contrast, docxAccessibilityIssues } from './testing/docx-a11y.ts';

/*
 * EX7: the DOCX stays the accessible document in each session language, read from its XML the way
 * LibreOffice's accessibility check reads it (testing/docx-a11y.ts; LibreOffice 7.4 has no headless
 * accessibility check to run instead).
 */

const parts = (bytes: Uint8Array) =>
  Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));

/** The fixture workshop (pain points, every vote kind with charts, a position text) in `language`. */
function exportIn(language: SessionLanguage) {
  return exportDocument({ ...fixtureSession(), language }, { ...fixtureInput(), words: exportWords(language) });
}

describe.each<SessionLanguage>(['nl-BE', 'en', 'fr'])('EX7 the DOCX export in %s', (language) => {
  const labels = exportLabels(language);
  const render = async () => parts(await renderDocx(exportIn(language)));

  it('EX7 passes every accessibility rule: language, title, headings, tables, alt text, spacing, formatting', async () => {
    const p = await render();
    expect(docxAccessibilityIssues(p, { locale: labels.locale, title: DUTCH_WORDS.title })).toEqual([]);
    expect(p['word/styles.xml']).toContain(`<w:lang w:val="${labels.locale}"/>`);
  });

  it('EX7 marks the header row of every result table, captions it, and describes every bar in the session language', async () => {
    const body = (await render())['word/document.xml'] ?? '';
    const tables = body.match(/<w:tbl>/g)?.length ?? 0;
    expect(tables).toBeGreaterThan(15);
    // Every table but the facts under the title repeats its header row.
    expect(body.match(/<w:tblHeader\/>/g)).toHaveLength(tables - 1);
    expect(body.match(/<w:tblCaption w:val="[^"]+"\/>/g)).toHaveLength(tables);
    expect(body).toContain(`<w:tblCaption w:val="${labels.attendance.heading}"/>`);
    // Pain-point themes, dots, ranking, the open single choice: each bar with its alt text.
    const descriptions = [...body.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => m[1]);
    expect(descriptions.length).toBeGreaterThanOrEqual(14);
    const bar = new RegExp(`^${labels.votes.bar.replace('{percent}', '.+')}$`);
    for (const description of descriptions) expect(description).toMatch(bar);
  });
});

describe('EX7 the DOCX accessibility check', () => {
  const rendered = renderDocx(exportIn('nl-BE'));
  const good = async () => parts(await rendered);
  const expected = { locale: 'nl-BE', title: DUTCH_WORDS.title };
  const broken = async (part: string, from: string | RegExp, to: string) => {
    const p = await good();
    const xml = p[part] ?? '';
    if (xml.search(from) < 0) throw new Error(`${part} holds no ${String(from)} to break`);
    return docxAccessibilityIssues({ ...p, [part]: xml.replace(from, to) }, expected);
  };

  it('EX7 finds each kind of gap it looks for', async () => {
    const first = (issues: string[]) => issues.map((issue) => issue.split(':')[0]);
    expect(first(await broken('word/styles.xml', /<w:lang w:val="nl-BE"\/>/, ''))).toEqual(['language']);
    expect(first(await broken('docProps/core.xml', /<dc:title>[^<]*</, '<dc:title><'))).toEqual(['title']);
    expect(first(await broken('word/document.xml', 'w:val="Heading2"', 'w:val="Heading3"'))).toContain('heading-order');
    expect(first(await broken('word/document.xml', '<w:tblHeader/>', ''))).toEqual(['table-header-row']);
    expect(first(await broken('word/document.xml', /<w:tblCaption [^>]*\/>/, ''))).toEqual(['table-caption']);
    expect(first(await broken('word/document.xml', / descr="[^"]*"/, ' descr=""'))).toEqual(['image-alt']);
    expect(first(await broken('word/document.xml', '<w:r><w:t', '<w:r><w:rPr><w:b/></w:rPr><w:t'))).toEqual([
      'direct-formatting',
    ]);
    expect(first(await broken('word/document.xml', '</w:tbl>', '</w:tbl><w:p/>'))).toEqual(['empty-paragraph']);
    expect(first(await broken('word/styles.xml', /w:val="5F6670"/, 'w:val="AAAAAA"'))).toEqual(['contrast']);
  });

  it('EX7 measures contrast as WCAG 2 does', () => {
    expect(contrast('000000')).toBeCloseTo(21, 5);
    expect(contrast('FFFFFF')).toBeCloseTo(1, 5);
    expect(contrast('767676')).toBeGreaterThan(4.5);
    expect(contrast('777777')).toBeLessThan(4.5);
  });
});
