// `pnpm docs:accessibility`: writes docs/accessibility.md, the accessibility statement in Dutch, French
// and English, from the last axe run (docs/accessibility/axe-summary.json, written by
// tests/e2e/accessibility.spec.ts with AXE_REPORT set) and the manual checklist beside it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './toolchain.mjs';

const dir = join(root, 'docs', 'accessibility');
const axe = JSON.parse(readFileSync(join(dir, 'axe-summary.json'), 'utf8'));
const { checks } = JSON.parse(readFileSync(join(dir, 'checklist.json'), 'utf8'));

const words = {
  'nl-BE': {
    heading: 'Toegankelijkheidsverklaring',
    intro:
      'Vrijuit wil toegankelijk zijn volgens de WCAG 2.2 op niveau AA (EN 301 549). Deze verklaring geldt voor de schermen van Vrijuit zelf: de telefoon van de deelnemer, de console van de begeleider, het projectiescherm en de export.',
    status: 'Nalevingsstatus',
    statusText: (open) =>
      open ? 'Gedeeltelijk conform: de punten hieronder zijn nog niet (volledig) in orde.' : 'Volledig conform.',
    automatic: 'Automatische controle',
    automaticText: (n, pages, v, date, version) =>
      `axe-core ${version} (regels WCAG 2.0, 2.1 en 2.2 A en AA) controleerde op ${date} ${n} toestanden van ${pages} pagina’s in deze taal, in Chromium: ${v === 0 ? 'geen enkele overtreding' : `${v} overtredingen`}.`,
    manual: 'Handmatige controle',
    criterion: 'Criterium',
    state: 'Stand',
    note: 'Toelichting',
    labels: { ok: 'in orde', partial: 'gedeeltelijk', open: 'nog te doen' },
    report: 'Een probleem melden',
    reportText:
      'Loopt u ergens vast? Meld het aan de organisator van uw sessie, of als openbaar probleem in de issuetracker van Vrijuit. Wie Vrijuit installeert, vult hier zijn eigen contactadres in en antwoordt binnen 14 dagen.',
    enforcement: 'Handhaving',
    enforcementText:
      'Bent u niet tevreden met het antwoord, dan kunt u terecht bij de Vlaamse Ombudsdienst (voor Vlaamse openbare instanties).',
    made: 'Opgesteld met een zelfevaluatie: de automatische controle hierboven en de handmatige lijst in docs/accessibility/checklist.json.',
  },
  'fr-BE': {
    heading: 'Déclaration d’accessibilité',
    intro:
      'Vrijuit vise l’accessibilité selon les WCAG 2.2 au niveau AA (EN 301 549). Cette déclaration vaut pour les écrans de Vrijuit : le téléphone du participant, la console de l’animateur, l’écran de projection et l’export.',
    status: 'État de conformité',
    statusText: (open) =>
      open
        ? 'Partiellement conforme : les points ci-dessous ne sont pas encore (entièrement) en ordre.'
        : 'Totalement conforme.',
    automatic: 'Contrôle automatique',
    automaticText: (n, pages, v, date, version) =>
      `axe-core ${version} (règles WCAG 2.0, 2.1 et 2.2 A et AA) a contrôlé le ${date} ${n} états de ${pages} pages dans cette langue, dans Chromium : ${v === 0 ? 'aucune violation' : `${v} violations`}.`,
    manual: 'Contrôle manuel',
    criterion: 'Critère',
    state: 'État',
    note: 'Explication',
    labels: { ok: 'en ordre', partial: 'partiel', open: 'à faire' },
    report: 'Signaler un problème',
    reportText:
      'Vous êtes bloqué quelque part ? Signalez-le à l’organisateur de votre session, ou comme problème public dans le suivi des problèmes de Vrijuit. Qui installe Vrijuit indique ici sa propre adresse de contact et répond dans les 14 jours.',
    enforcement: 'Procédure de recours',
    enforcementText:
      'Si la réponse ne vous satisfait pas, vous pouvez vous adresser au médiateur compétent pour l’organisme public concerné (en Flandre : la Vlaamse Ombudsdienst).',
    made: 'Établie par auto-évaluation : le contrôle automatique ci-dessus et la liste manuelle dans docs/accessibility/checklist.json.',
  },
  en: {
    heading: 'Accessibility statement',
    intro:
      'Vrijuit aims to be accessible according to WCAG 2.2 at level AA (EN 301 549). This statement covers Vrijuit’s own screens: the participant’s phone, the facilitator’s console, the projector screen and the export.',
    status: 'Compliance status',
    statusText: (open) =>
      open ? 'Partially compliant: the points below are not (fully) in order yet.' : 'Fully compliant.',
    automatic: 'Automatic check',
    automaticText: (n, pages, v, date, version) =>
      `axe-core ${version} (WCAG 2.0, 2.1 and 2.2 A and AA rules) checked ${n} states of ${pages} pages in this language on ${date}, in Chromium: ${v === 0 ? 'no violations' : `${v} violations`}.`,
    manual: 'Manual check',
    criterion: 'Criterion',
    state: 'Status',
    note: 'Explanation',
    labels: { ok: 'in order', partial: 'partial', open: 'to do' },
    report: 'Report a problem',
    reportText:
      'Stuck somewhere? Tell the organiser of your session, or open a public issue in Vrijuit’s issue tracker. Whoever installs Vrijuit puts their own contact address here and answers within 14 days.',
    enforcement: 'Enforcement',
    enforcementText:
      'If the answer does not satisfy you, you can turn to the ombudsman for the public body concerned (in Flanders: the Vlaamse Ombudsdienst).',
    made: 'Prepared by self-assessment: the automatic check above and the manual list in docs/accessibility/checklist.json.',
  },
};

const lines = [
  '<!-- Generated by `pnpm docs:accessibility` from docs/accessibility/axe-summary.json and checklist.json; do not edit. -->',
  '',
];
for (const [language, w] of Object.entries(words)) {
  const runs = axe.checks.filter((check) => check.language === language);
  const violations = runs.flatMap((run) => run.rules.map((rule) => ({ rule, page: run.page, state: run.state })));
  const open = violations.length > 0 || checks.some((c) => c.status !== 'ok');
  lines.push(`# ${w.heading} (${language})`, '', w.intro, '', `## ${w.status}`, '', w.statusText(open), '');
  lines.push(`### ${w.automatic}`, '');
  lines.push(
    w.automaticText(runs.length, new Set(runs.map((r) => r.page)).size, violations.length, axe.date, axe.axe),
    '',
  );
  for (const v of violations) lines.push(`- \`${v.rule}\`: ${v.page}, ${v.state}`);
  if (violations.length) lines.push('');
  lines.push(`### ${w.manual}`, '', `| ${w.criterion} | ${w.state} | ${w.note} |`, '|---|---|---|');
  for (const c of checks) lines.push(`| ${c.criterion} | ${w.labels[c.status]} | ${c[language]} |`);
  lines.push('', `## ${w.report}`, '', w.reportText, '', `## ${w.enforcement}`, '', w.enforcementText, '', w.made, '');
}
writeFileSync(join(root, 'docs', 'accessibility.md'), lines.join('\n'));
console.log('docs/accessibility.md written');
