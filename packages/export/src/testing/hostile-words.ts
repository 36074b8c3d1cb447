import type { FixtureWords } from '@vrijuit/core/export-fixture';

/**
 * For tests only: the S6 corpus. Every text a person can type into a session (title, zones,
 * municipalities, themes, questions, options, pain points, position texts, the facilitator's name)
 * holds a script, markup or a spreadsheet formula. Each format must keep them as inert text: no
 * executable HTML in Markdown, no formula in a CSV cell, no broken DOCX XML or PDF.
 */
export const XSS = {
  script: '<script>alert("xss-script")</script>',
  img: '<img src=x onerror=alert("xss-img")>',
  link: '[klik hier](javascript:alert("xss-link"))',
  autolink: '<javascript:alert("xss-autolink")>',
  svg: '<svg onload=alert("xss-svg")>',
  iframe: '<iframe src="javascript:alert(`xss-iframe`)"></iframe>',
  xml: ']]><w:p/><?xml version="1.0"?>&amp;&lt;',
} as const;

/** Formulas a spreadsheet would run; each must reach a CSV cell neutralised. */
export const FORMULAS = {
  equals: '=HYPERLINK("http://evil.example","klik")',
  plus: "+cmd|' /C calc'!A0",
  minus: "-2+3+cmd|' /C calc'!A0",
  at: "@SUM(1+1)*cmd|' /C calc'!A0",
  tab: '\t=1+1',
  cr: '\r=1+1',
} as const;

export const HOSTILE_WORDS: FixtureWords = {
  title: `Sessie ${XSS.script}`,
  description: `${XSS.img} ${XSS.link} ${XSS.autolink} | kolom | # kop`,
  facilitator: XSS.svg,
  zones: [FORMULAS.equals, XSS.iframe, `${XSS.xml} zone`],
  municipalities: [FORMULAS.plus, FORMULAS.at, `**vet** _schuin_ ${XSS.script}`],
  themes: [FORMULAS.minus, XSS.img, `Thema ${XSS.xml}`],
  questions: {
    pain: `${FORMULAS.equals} wat loopt er mis?`,
    dots: `${XSS.script} punten?`,
    single: `${FORMULAS.tab} doorgaan?`,
    ranking: `${XSS.link} volgorde?`,
    scale: `${FORMULAS.cr} schaal?`,
    text: `${XSS.iframe} nota`,
    agreement: `${XSS.svg} akkoord?`,
  },
  scaleLabels: [FORMULAS.at, XSS.img, 'Ja, "zeker", of niet; of toch'],
  points: [FORMULAS.equals, XSS.script, FORMULAS.plus, `${XSS.link}\nnieuwe regel`, XSS.img, FORMULAS.minus],
  text: {
    heading: XSS.script,
    paragraphs: [`${FORMULAS.at} eerste paragraaf ${XSS.img}`, `${XSS.autolink} tweede | paragraaf`],
    items: [FORMULAS.cr, `${XSS.iframe} \`code\` <b>vet</b>`],
  },
  zoneDraft: `${FORMULAS.equals} ${XSS.xml}`,
};

/** What must never appear in a rendered Markdown or HTML-ish output: live tags or script URLs. */
export const LIVE_MARKUP = [/<script/i, /<img/i, /<svg/i, /<iframe/i, /\]\(javascript:/i, /<javascript:/i];
