import { describe, expect, it } from 'vitest';
import {
  ackOf,
  commandNames,
  commands,
  ErrorAck,
  FacilitatorView,
  isCommandName,
  LIMITS,
  ParticipantView,
  type CommandName,
} from './index.ts';

const TOKEN = 'tok_0123456789abcdefghijk';
const ID = 'abcdefgh12345678';

/** One valid request per command; typed by name, so a new command without a sample fails to compile. */
const valid: Record<CommandName, Record<string, unknown>> = {
  'session:create': { commandId: ID, title: 'Retro', zones: ['Noord', 'Zuid'] },
  'session:lookup': { joinCode: 'abc-d23' },
  'participant:join': { joinCode: 'ABCD23', token: TOKEN, zoneId: 'z1', name: 'Ann' },
  'participant:resume': { sessionId: ID, token: TOKEN },
  'facilitator:attach': { sessionId: ID },
  'projector:attach': { sessionId: ID },
  'session:update': { commandId: ID, title: 'Retro 2', date: '2026-03-12', settings: { anonymityThreshold: 5 } },
  'round:update': { commandId: ID, roundId: ID, question: 'Door?', options: ['Ja', 'Nee'] },
  'round:move': { commandId: ID, roundId: ID, position: 0 },
  'round:duplicate': { commandId: ID, roundId: ID },
  'round:delete': { commandId: ID, roundId: ID },
  'round:create': { commandId: ID, question: 'Door?', options: ['Ja', 'Nee'] },
  'round:open': { commandId: ID, roundId: ID },
  'round:timer': { commandId: ID, roundId: ID, seconds: 60 },
  'round:lock': { commandId: ID, roundId: ID, locked: true },
  'round:reveal': { commandId: ID, roundId: ID, revealed: true },
  'round:rerun': { commandId: ID, roundId: ID },
  'round:close': { commandId: ID, roundId: ID },
  'session:next': { commandId: ID },
  'round:show': { commandId: ID, roundId: ID },
  'vote:cast': { commandId: ID, roundId: ID, ballot: { kind: 'single-choice', optionId: 'o1' } },
  'painpoint:submit': { commandId: ID, roundId: ID, text: 'Te weinig overleg', themeId: 'o1' },
  'painpoint:support': { commandId: ID, roundId: ID, pointId: ID, supported: true },
  'painpoint:hide': { commandId: ID, roundId: ID, pointId: ID, reason: 'off-topic' },
  'question:answer': { commandId: ID, roundId: ID, pointId: ID, answered: true },
  'painpoint:approve': { commandId: ID, roundId: ID, pointIds: [ID] },
  'painpoint:merge': { commandId: ID, roundId: ID, pointId: ID, intoId: ID },
  'painpoint:theme': { commandId: ID, roundId: ID, pointId: ID, themeId: null },
  'painpoint:add-theme': { commandId: ID, roundId: ID, label: 'Financiën' },
  'painpoint:accept-suggestion': { commandId: ID, roundId: ID, theme: { label: 'Werkdruk' }, pointIds: [ID] },
  'painpoint:suggest-themes': { roundId: ID },
  'text:save-version': { commandId: ID, roundId: ID, zoneId: null, label: 'Na de pauze' },
  'text:get-version': { roundId: ID, versionId: ID },
  'text:gather-drafts': { commandId: ID, roundId: ID },
  'text:ticket': { docName: `${ID}-plenary` },
  'session:status': { commandId: ID, status: 'closed' },
  'session:results-page': { commandId: ID, days: 30, note: 'We nemen het mee naar de raad.' },
  'session:delete': { commandId: ID, title: 'Retro' },
  'paper:vote': {
    commandId: ID,
    roundId: ID,
    zoneId: 'z1',
    municipalityId: 'z1m1',
    ballot: { kind: 'single-choice', optionId: 'o1' },
  },
  'paper:painpoint': { commandId: ID, roundId: ID, text: 'Geen parking', themeId: null },
  'door:set': { commandId: ID, closed: true },
  'door:admit': { commandId: ID, zoneId: 'z1' },
  'door:turn-away': { commandId: ID, zoneId: null },
};

const garbage: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 42],
  ['NaN', Number.NaN],
  ['a string', 'vote:cast'],
  ['a boolean', true],
  ['an array', [1, 2, 3]],
  ['an empty object', {}],
  ['a function', () => undefined],
];

/** Fields where null means something (cancel the timer, no theme, show again). */
const nullable = new Set([
  'round:timer.seconds',
  'painpoint:submit.themeId',
  'painpoint:theme.themeId',
  'painpoint:hide.reason',
  'session:update.date',
  'paper:vote.municipalityId',
  'paper:painpoint.themeId',
  'door:admit.zoneId',
  'door:turn-away.zoneId',
]);
const optional = new Set([
  'participant:join.name',
  'painpoint:submit.themeId',
  // session:update changes what it names, nothing else.
  'session:update.title',
  'session:update.date',
  'session:update.settings',
  'paper:vote.municipalityId',
  'paper:painpoint.themeId',
  'door:admit.zoneId',
  'door:turn-away.zoneId',
]);

describe('pain points', () => {
  const submit = commands['painpoint:submit'].request;
  const base = valid['painpoint:submit'];
  it('texts are trimmed, non-empty and at most the limit', () => {
    expect(submit.parse({ ...base, text: '  Te laat  ' }).text).toBe('Te laat');
    expect(submit.safeParse({ ...base, text: '   ' }).success).toBe(false);
    expect(submit.safeParse({ ...base, text: 'x'.repeat(LIMITS.painPointText) }).success).toBe(true);
    expect(submit.safeParse({ ...base, text: 'x'.repeat(LIMITS.painPointText + 1) }).success).toBe(false);
  });
  it('the theme is optional', () => {
    expect(submit.parse({ commandId: ID, roundId: ID, text: 'x' }).themeId).toBeNull();
  });
  it('a hide reason is one of the known reasons, or null to show again', () => {
    const hide = commands['painpoint:hide'].request;
    expect(hide.safeParse({ ...valid['painpoint:hide'], reason: null }).success).toBe(true);
    expect(hide.safeParse({ ...valid['painpoint:hide'], reason: 'because' }).success).toBe(false);
  });
  it('a pain-point round takes defaults for its settings', () => {
    const parsed = commands['round:create'].request.parse({
      ...valid['round:create'],
      options: [],
      config: { kind: 'pain-points' },
    });
    expect(parsed.config).toEqual({ kind: 'pain-points', perParticipant: 3, premoderation: false });
  });
});

describe('command request schemas', () => {
  it('every command has a sample here', () => {
    expect(Object.keys(valid).sort()).toEqual([...commandNames].sort());
  });

  for (const name of commandNames) {
    describe(name, () => {
      it('accepts its valid sample', () => {
        expect(commands[name].request.safeParse(valid[name]).success).toBe(true);
      });

      it.each(garbage)('ME1 rejects %s', (_label, value) => {
        expect(commands[name].request.safeParse(value).success).toBe(false);
      });

      it('ME1 rejects each field replaced by a wrong type, naming the field', () => {
        for (const field of Object.keys(valid[name])) {
          for (const wrong of [12345, null, { nested: 'object' }, [{}], true]) {
            if (typeof wrong === typeof valid[name][field]) continue; // same type: not a wrong type
            if (wrong === null && nullable.has(`${name}.${field}`)) continue; // null has a meaning here
            const result = commands[name].request.safeParse({ ...valid[name], [field]: wrong });
            expect(result.success, `${name}.${field} = ${JSON.stringify(wrong)}`).toBe(false);
            expect(result.error?.issues[0]?.path[0]).toBe(field);
          }
        }
      });

      it('ME1 rejects each string field made huge (10,000 characters)', () => {
        for (const [field, value] of Object.entries(valid[name])) {
          const huge = 'x'.repeat(10_000);
          const bad = typeof value === 'string' ? huge : Array.isArray(value) ? [huge, huge] : null;
          if (bad === null) continue;
          expect(commands[name].request.safeParse({ ...valid[name], [field]: bad }).success, field).toBe(false);
        }
      });

      it('ME1 rejects the sample with any one required field missing', () => {
        for (const field of Object.keys(valid[name])) {
          if (optional.has(`${name}.${field}`)) continue;
          const { [field]: _dropped, ...rest } = valid[name];
          expect(commands[name].request.safeParse(rest).success, field).toBe(false);
        }
      });
    });
  }

  it('limits: zones 1..30, options up to 30 (core asks two for a vote), trimmed non-empty texts', () => {
    const create = commands['session:create'].request;
    const base = valid['session:create'];
    expect(create.safeParse({ ...base, zones: [] }).success).toBe(false);
    expect(create.safeParse({ ...base, zones: Array.from({ length: LIMITS.zones }, (_, i) => `Z${i}`) }).success).toBe(
      true,
    );
    expect(
      create.safeParse({ ...base, zones: Array.from({ length: LIMITS.zones + 1 }, (_, i) => `Z${i}`) }).success,
    ).toBe(false);
    expect(create.safeParse({ ...base, title: '   ' }).success).toBe(false);
    expect(create.parse({ ...base, title: '  Retro  ' }).title).toBe('Retro');

    const round = commands['round:create'].request;
    const r = valid['round:create'];
    expect(round.safeParse({ ...r, options: ['Alleen'] }).success).toBe(true);
    expect(round.safeParse({ ...r, options: Array.from({ length: 31 }, (_, i) => `O${i}`) }).success).toBe(false);
    expect(round.safeParse({ ...r, config: { kind: 'ranking' } }).success).toBe(true);
    expect(round.safeParse({ ...r, config: { kind: 'dot-voting', budget: 0, maxPerOption: 1 } }).success).toBe(false);
    expect(round.safeParse({ ...r, config: { kind: 'poll' } }).success).toBe(false);
    expect(round.parse(r).config).toEqual({ kind: 'single-choice' });
    expect(round.parse(r).reveal).toBe('manual');
    expect(round.safeParse({ ...r, question: 'x'.repeat(LIMITS.question + 1) }).success).toBe(false);
  });

  it('SE3 session:lookup and participant:join normalise the typed join code', () => {
    expect(commands['session:lookup'].request.parse({ joinCode: 'abc-d23' })).toEqual({ joinCode: 'ABCD23' });
    expect(commands['participant:join'].request.parse({ ...valid['participant:join'], joinCode: 'ab cd 23' })).toEqual({
      joinCode: 'ABCD23',
      token: TOKEN,
      zoneId: 'z1',
      name: 'Ann',
    });
  });

  it('isCommandName knows the table and nothing inherited', () => {
    for (const name of commandNames) expect(isCommandName(name)).toBe(true);
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'vote', 'VOTE:CAST', ''])
      expect(isCommandName(name)).toBe(false);
  });
});

describe('acks and views', () => {
  it('ME2 an ack is { ok: true, value } or { ok: false, error: { code, message } }', () => {
    const ack = ackOf(commands['vote:cast'].response);
    expect(ack.safeParse({ ok: true, value: { roundId: ID, stored: false } }).success).toBe(true);
    // AN14: a vote's ack says whether it is stored yet.
    expect(ack.safeParse({ ok: true, value: { roundId: ID } }).success).toBe(false);
    expect(ack.safeParse({ ok: false, error: { code: 'ROUND_NOT_OPEN', message: 'closed' } }).success).toBe(true);
    expect(ack.safeParse({ ok: false, error: { code: 'NOPE', message: 'x' } }).success).toBe(false);
    expect(ack.safeParse({ ok: true }).success).toBe(false);
    expect(ack.safeParse({ ok: true, value: { roundId: 'short' } }).success).toBe(false);
    expect(ErrorAck.safeParse({ ok: false, error: { code: 'BAD_REQUEST' } }).success).toBe(false);
  });

  it('AN2 WC10 the participant view schema strips anything but session (with k), round and whether rounds are left', () => {
    const session = { sessionId: ID, title: 'T', zones: [], status: 'live', language: 'nl-BE', anonymityThreshold: 3 };
    const parsed = ParticipantView.parse({
      protocolVersion: 1,
      serverTime: 1,
      session: { ...session, settings: { weighted: false } },
      round: null,
      tally: { ballots: 1, counts: { o1: 1 } },
    });
    expect(parsed).toEqual({
      protocolVersion: 1,
      serverTime: 1,
      session,
      round: null,
      // PH3: a server that does not say means "maybe more", the old wording.
      moreRounds: true,
    });
  });

  it('the facilitator view schema refuses another protocol version and negative counts', () => {
    const view = {
      protocolVersion: 1,
      serverTime: 1,
      session: {
        sessionId: ID,
        title: 'T',
        zones: [],
        status: 'draft',
        joinCode: 'ABCD23',
        settings: { anonymityThreshold: 3, weighted: false, releaseEverySeconds: 15, releaseMinEntries: 3 },
        description: '',
        date: null,
        language: 'nl-BE',
        resultsPage: { days: 30, note: '', closedAt: null },
      },
      attendance: { joined: 0, online: 0, joinedByZone: {}, onlineByZone: {} },
      rounds: [],
      currentRoundId: null,
    };
    expect(FacilitatorView.safeParse(view).success).toBe(true);
    expect(FacilitatorView.safeParse({ ...view, protocolVersion: 2 }).success).toBe(false);
    expect(FacilitatorView.safeParse({ ...view, attendance: { ...view.attendance, online: -1 } }).success).toBe(false);
  });
});

describe('session design', () => {
  const update = commands['session:update'].request;
  it('a date is a real YYYY-MM-DD day, or null to clear it', () => {
    expect(update.safeParse({ commandId: ID, date: '2026-03-12' }).success).toBe(true);
    expect(update.safeParse({ commandId: ID, date: null }).success).toBe(true);
    expect(update.safeParse({ commandId: ID, date: '2026-02-30' }).success).toBe(false);
    expect(update.safeParse({ commandId: ID, date: '12/03/2026' }).success).toBe(false);
  });
  it('a language is nl-BE, en or fr; a description at most the limit', () => {
    expect(update.safeParse({ commandId: ID, language: 'fr' }).success).toBe(true);
    expect(update.safeParse({ commandId: ID, language: 'de' }).success).toBe(false);
    expect(update.safeParse({ commandId: ID, description: 'x'.repeat(LIMITS.description + 1) }).success).toBe(false);
  });
  it('session:create takes the new details and an agenda with defaults', () => {
    const parsed = commands['session:create'].request.parse({
      ...valid['session:create'],
      agenda: [{ question: 'Kon je vandaag vrijuit spreken?', options: ['Hoe?'], compareKey: 'speak-freely' }],
    });
    expect(parsed).toMatchObject({ description: '', date: null, language: 'nl-BE' });
    expect(parsed.agenda[0]).toMatchObject({ reveal: 'manual', durationSeconds: null, compareKey: 'speak-freely' });
  });
});
