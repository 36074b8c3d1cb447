import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ErrorCode, HIDE_REASONS } from '@vrijuit/protocol';
import { catalogues, errorText, format, formatSigned, locale, t, translate } from './index.ts';
import * as facilitator from './facilitator.ts';
import { nl } from './nl.ts';
import { nlAccounts } from './nl-accounts.ts';
import { nlDesign } from './nl-design.ts';
import { nlDoorConsole, nlDoorPhone } from './nl-door.ts';
import { nlFacilitator } from './nl-facilitator.ts';
import { nlLifecycleConsole, nlLifecyclePhone } from './nl-lifecycle.ts';
import { nlPaper } from './nl-paper.ts';
import { nlRound } from './nl-round.ts';
import { nlSteering } from './nl-steering.ts';
import { nlTemplates } from './nl-templates.ts';
import { nlExport } from './nl-export.ts';
import { nlText } from './nl-text.ts';
import { nlWall } from './nl-wall.ts';
import { nlCockpit } from './nl-cockpit.ts';
import * as round from './round.ts';

describe('i18n', () => {
  it('has a Dutch message for every protocol error code', () => {
    for (const code of ErrorCode.options) {
      expect(nl.errors[code]).toBeTruthy();
      expect(errorText(code)).toBe(nl.errors[code]);
    }
  });

  it('fills parameters and leaves unknown ones visible', () => {
    expect(format('Stemming {n} van {total}', { n: 2 })).toBe('Stemming 2 van {total}');
    expect(facilitator.t('console.roundNumber', { n: 3 })).toBe('Stemming 3');
  });

  it('picks the singular or plural form of a counted message', () => {
    expect(round.tn('ballot.dotsLeft', 1)).toBe('Nog 1 punt');
    expect(round.tn('ballot.dotsLeft', 3)).toBe('Nog 3 punten');
    expect(round.tn('ballot.dotsLeft', 0)).toBe('Nog 0 punten');
    expect(facilitator.tn('projector.joined', 12)).toBe('12 mensen aangemeld');
  });

  it('PH5: counts of people, rounds and questions follow the plural rules (no "1 deelnemers · 1 rondes")', () => {
    expect(facilitator.tn('account.sessions.participants', 1)).toBe('1 deelnemer');
    expect(facilitator.tn('account.sessions.participants', 0)).toBe('0 deelnemers');
    expect(facilitator.tn('account.sessions.rounds', 1)).toBe('1 ronde');
    expect(facilitator.tn('account.sessions.rounds', 5)).toBe('5 rondes');
    expect(facilitator.tn('design.templateRounds', 1)).toBe('1 vraag');
    expect(facilitator.tn('door.expected', 1)).toBe('Verwacht: 1 deelnemer.');
    expect(facilitator.tn('acrossSessions.respondents', 2)).toBe('2 deelnemers');
  });

  it('keeps the round and facilitator strings out of the page catalogue, and the sections apart', () => {
    expect(t('phone.join')).toBe(nl.phone.join);
    expect(round.t('phone.join')).toBe(nl.phone.join);
    expect(facilitator.t('phone.join')).toBe(nl.phone.join);
    expect(facilitator.t('vote.send')).toBe(nlRound.vote.send);
    const sections = [
      Object.keys(nl),
      Object.keys(nlRound),
      Object.keys(nlWall),
      Object.keys(nlText),
      Object.keys(nlFacilitator),
      Object.keys(nlDesign),
      Object.keys(nlLifecycleConsole),
      Object.keys(nlSteering),
      Object.keys(nlCockpit),
      Object.keys(nlAccounts),
      Object.keys(nlTemplates),
      Object.keys(nlPaper),
      Object.keys(nlExport),
      Object.keys(nlDoorConsole),
    ].flat();
    // A section of the same name in two files would hide one of them in the shallow merge.
    expect(sections.filter((s, i) => sections.indexOf(s) !== i)).toEqual([]);
  });

  it('has the phone’s end-of-session screens on the phone and the session panel on the console only', () => {
    expect(t('ended.closedTitle')).toBe(nlLifecyclePhone.ended.closedTitle);
    expect(facilitator.t('lifecycle.delete')).toBe(nlLifecycleConsole.lifecycle.delete);
    expect(Object.keys(nl)).not.toContain('lifecycle');
  });

  it('has the door’s waiting screen on the phone and the door panel on the console only (DO1)', () => {
    expect(t('atTheDoor.waitingTitle')).toBe('De begeleider laat je zo binnen');
    expect(t('atTheDoor.waitingTitle')).toBe(nlDoorPhone.atTheDoor.waitingTitle);
    expect(facilitator.t('door.close')).toBe('Deur dicht');
    expect(facilitator.tn('door.waiting', 2)).toBe('2 telefoons wachten om binnen te komen.');
    expect(Object.keys(nl)).not.toContain('door');
  });

  it('has a Dutch sentence for every reason to hide a pain point', () => {
    for (const reason of HIDE_REASONS) expect(nlWall.wall.hiddenReason[reason]).toBeTruthy();
  });

  it('has a Dutch label for every agreement level', () => {
    expect(Object.keys(nlRound.agreement.gradients)).toHaveLength(8);
    expect(Object.keys(nlRound.agreement.fistOfFive)).toHaveLength(6);
  });

  it('falls back to Dutch for keys a catalogue does not have yet', () => {
    expect(translate('en', 'connection.online')).toBe('Connected');
    expect(translate('en', 'phone.waitingTitle')).toBe(nl.phone.waitingTitle);
    expect(facilitator.translate('fr', 'console.reveal')).toBe('Afficher les résultats');
    expect(round.translate('fr', 'vote.send')).toBe('Envoyer');
    expect(facilitator.translate('fr', 'console.rerun')).toBe(nlFacilitator.console.rerun);
    expect(Object.keys(catalogues)).toContain(locale);
  });

  it('writes shifts with their sign', () => {
    expect(formatSigned(12)).toBe('+12');
    expect(formatSigned(-1.54)).toBe('−1,5');
    expect(formatSigned(0.01)).toBe('0');
  });

  it('declares the chosen locale in app.html', () => {
    const html = readFileSync(new URL('../../app.html', import.meta.url), 'utf8');
    expect(html).toContain(`<html lang="${locale}">`);
  });
});
