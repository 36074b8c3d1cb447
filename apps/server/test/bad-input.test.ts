import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commandNames, commands, type CommandName } from '@vrijuit/protocol';
import {
  closeAllClients,
  connect,
  dumpDb,
  getJson,
  newCommandId,
  openRound,
  setUpWorkshop,
  single,
  startServer,
  voteFor,
  type TestClient,
  type TestServer,
  type Workshop,
  signedInClient,
} from './helpers.ts';
import { facilitatorView, POINT, validRequestsFor } from './command-samples.ts';

let server: TestServer;
let workshop: Workshop;
let roundId: string;

beforeAll(async () => {
  server = await startServer();
  workshop = await setUpWorkshop(server.url, 3);
  roundId = await openRound(workshop.facilitator);
  // One stored batch of k = 3 (AN13), so the console has a tally the checks below compare against.
  for (const phone of workshop.phones) await phone.client.ok('vote:cast', voteFor(roundId, single('o2')));
});
// The workshop's own sockets live through the file; the ones a test opened close after it.
afterEach(() => closeAllClients([workshop.facilitator, ...workshop.phones.map((p) => p.client)]));
afterAll(async () => {
  closeAllClients();
  await server.close();
});

const validRequests = () => validRequestsFor(workshop, roundId);

/** Payloads of the right shape at the top but wrong inside: nested ballots, configs, zones, ranges. */
function nestedGarbage(name: CommandName, valid: Record<string, unknown>): Garbage[] {
  const ids31 = Array.from({ length: 31 }, (_, i) => `o${i + 1}`);
  const with_ = (field: string, value: unknown, path: string, label = `${path} = ${JSON.stringify(value)}`) => ({
    label,
    payload: { ...valid, [field]: value },
    field: path,
  });
  switch (name) {
    case 'session:create':
      return [
        // Below the floor (2, 0) is BELOW_FLOOR (floors.test.ts, AN20); a wrong type is BAD_REQUEST.
        with_('anonymityThreshold', '3', 'anonymityThreshold'),
        with_('anonymityThreshold', 51, 'anonymityThreshold'),
        with_('anonymityThreshold', 2.5, 'anonymityThreshold'),
        with_('weighted', 'yes', 'weighted'),
        with_('zones', [], 'zones'),
        with_(
          'zones',
          Array.from({ length: 31 }, (_, i) => `Z${i}`),
          'zones',
        ),
        with_('zones', [{ name: 'A', municipalities: [{ name: 'M', weight: -1 }] }], 'zones.0.municipalities.0.weight'),
        with_('zones', [{ name: 'A', municipalities: [{ name: 'M', weight: 0 }] }], 'zones.0.municipalities.0.weight'),
        with_('zones', [{ name: 'A', municipalities: [{ name: '  ' }] }], 'zones.0.municipalities.0.name'),
        with_('zones', [{ name: 'A', municipalities: Array.from({ length: 61 }, () => ({ name: 'M' })) }], 'zones.0'),
        with_('zones', [{ municipalities: [] }], 'zones.0'),
      ];
    case 'participant:join':
      return [with_('municipalityId', 'not an id!', 'municipalityId'), with_('municipalityId', HUGE, 'municipalityId')];
    case 'round:create':
      return [
        with_('config', { kind: 'multiple-choice', min: -1, max: 2 }, 'config.min'),
        with_('config', { kind: 'multiple-choice', min: 1 }, 'config.max'),
        with_('config', { kind: 'dot-voting', budget: 0, maxPerOption: 1 }, 'config.budget'),
        with_('config', { kind: 'dot-voting', budget: 101, maxPerOption: 1 }, 'config.budget'),
        with_('config', { kind: 'scale', labels: ['alleen'] }, 'config.labels'),
        with_('config', { kind: 'scale', labels: Array.from({ length: 11 }, (_, i) => `L${i}`) }, 'config.labels'),
        with_('config', { kind: 'agreement', preset: 'thumbs' }, 'config.preset'),
        with_('config', { kind: 'open-text' }, 'config.kind'),
        with_('reveal', 'sometimes', 'reveal'),
        with_('durationSeconds', 4, 'durationSeconds'),
        with_('durationSeconds', 86_401, 'durationSeconds'),
        with_('durationSeconds', 7.5, 'durationSeconds'),
        with_('options', ids31, 'options'),
        with_('config', { kind: 'pain-points', perParticipant: 0 }, 'config.perParticipant'),
        with_('config', { kind: 'pain-points', perParticipant: 21 }, 'config.perParticipant'),
        with_('config', { kind: 'pain-points', premoderation: 'yes' }, 'config.premoderation'),
      ];
    case 'round:timer':
      return [
        with_('seconds', 0, 'seconds'),
        with_('seconds', 86_401, 'seconds'),
        with_('seconds', 1.5, 'seconds'),
        with_('seconds', '10', 'seconds'),
      ];
    case 'round:lock':
      return [with_('locked', 'true', 'locked'), with_('locked', 1, 'locked')];
    case 'round:reveal':
      return [with_('revealed', 'false', 'revealed'), with_('revealed', null, 'revealed')];
    case 'vote:cast':
      return [
        with_('ballot', { kind: 'single-choice' }, 'ballot.optionId'),
        with_('ballot', { optionId: 'o1' }, 'ballot.kind'),
        with_('ballot', { kind: 'teleport', optionId: 'o1' }, 'ballot.kind'),
        with_('ballot', { kind: 'single-choice', optionId: 'not an id!' }, 'ballot.optionId'),
        with_('ballot', { kind: 'multiple-choice', optionIds: 'o1' }, 'ballot.optionIds'),
        with_('ballot', { kind: 'multiple-choice', optionIds: ids31 }, 'ballot.optionIds'),
        with_('ballot', { kind: 'dot-voting', dots: { o1: -1 } }, 'ballot.dots.o1'),
        with_('ballot', { kind: 'dot-voting', dots: { o1: 1.5 } }, 'ballot.dots.o1'),
        with_('ballot', { kind: 'dot-voting', dots: { o1: 101 } }, 'ballot.dots.o1'),
        with_('ballot', { kind: 'dot-voting', dots: ['o1'] }, 'ballot.dots'),
        with_('ballot', { kind: 'ranking', order: ids31 }, 'ballot.order'),
        with_('ballot', { kind: 'scale', answers: { o1: 11 } }, 'ballot.answers.o1'),
        with_('ballot', { kind: 'agreement', answers: { o1: -1 } }, 'ballot.answers.o1'),
        with_('ballot', { kind: 'agreement', answers: { 'not an id!': 1 } }, 'ballot.answers.not an id!'),
      ];
    case 'painpoint:submit':
      return [
        with_('text', '', 'text'),
        with_('text', '   \n  ', 'text'),
        with_('text', 'x'.repeat(281), 'text'),
        with_('themeId', 'not an id!', 'themeId'),
      ];
    case 'painpoint:support':
      return [with_('supported', 'yes', 'supported'), with_('pointId', 'short', 'pointId')];
    case 'painpoint:hide':
      return [with_('reason', 'because', 'reason'), with_('reason', '', 'reason')];
    case 'painpoint:approve':
      return [
        with_('pointIds', [], 'pointIds'),
        with_(
          'pointIds',
          Array.from({ length: 1001 }, () => POINT),
          'pointIds',
        ),
        with_('pointIds', ['short'], 'pointIds.0'),
      ];
    case 'painpoint:add-theme':
      return [with_('label', '  ', 'label'), with_('label', 'x'.repeat(121), 'label')];
    case 'painpoint:accept-suggestion':
      return [
        with_('pointIds', [], 'pointIds'),
        with_('theme', { label: '  ' }, 'theme.label'),
        with_('theme', { themeId: 'no spaces allowed' }, 'theme.themeId'),
        with_('theme', { colour: 'red' }, 'theme'),
      ];
    default:
      return [];
  }
}

interface Garbage {
  label: string;
  payload: unknown;
  /** 0: emit with the ack only, no payload at all. */
  argCount?: 0 | 1;
  /** The field the first issue must name. */
  field?: string;
}

const HUGE = 'x'.repeat(20_000);

function garbageFor(name: CommandName): Garbage[] {
  const valid = validRequests()[name];
  const list: Garbage[] = [
    { label: 'no payload', payload: undefined, argCount: 0 },
    { label: 'undefined', payload: undefined },
    { label: 'null', payload: null },
    { label: 'a number', payload: 42 },
    { label: 'a string', payload: 'round:close' },
    { label: 'a boolean', payload: false },
    { label: 'an array', payload: [valid] },
    { label: 'an empty object', payload: {} },
    { label: 'a prototype-polluting object', payload: JSON.parse('{"__proto__":{"polluted":true}}') as unknown },
    {
      label: 'every field of the wrong type',
      payload: Object.fromEntries(Object.keys(valid).map((k) => [k, { $gt: '' }])),
    },
  ];
  for (const [field, value] of Object.entries(valid)) {
    if (typeof value === 'number')
      list.push({ label: `${field} as a string`, payload: { ...valid, [field]: '1' }, field });
    else list.push({ label: `${field} as a number`, payload: { ...valid, [field]: 12345 }, field });
    if (typeof value === 'string') list.push({ label: `${field} huge`, payload: { ...valid, [field]: HUGE }, field });
    if (Array.isArray(value))
      list.push({
        label: `${field} of huge strings`,
        payload: { ...valid, [field]: [HUGE, HUGE] },
        field: `${field}.0`,
      });
  }
  list.push(...nestedGarbage(name, valid));
  return list;
}

/** Who may send a command: the fuzzing socket holds that role, so only the payload is at fault. */
async function socketFor(name: CommandName): Promise<TestClient> {
  const by = commands[name].by;
  const signedIn = by === 'facilitator' || by === 'account';
  const client = signedIn ? await signedInClient(server.url, workshop.cookie) : await connect(server.url);
  if (by === 'facilitator') await client.ok('facilitator:attach', { sessionId: workshop.sessionId });
  if (by === 'participant')
    await client.ok('participant:resume', { sessionId: workshop.sessionId, token: workshop.phones[1]!.token });
  return client;
}

const visibleState = () => facilitatorView(server.url, workshop);

describe('ME1 S1 malformed commands', () => {
  it('the setup is what the checks below compare against', async () => {
    const state = await visibleState();
    expect(state.attendance).toEqual({
      joined: 3,
      online: 0,
      joinedByZone: { z1: 1, z2: 1, z3: 1 },
      onlineByZone: {},
    });
    expect(state.rounds.map((r) => [r.status, r.respondents, r.results])).toEqual([
      [
        'open',
        3,
        {
          respondents: 3,
          paper: 0,
          perPerson: { values: { o1: 0, o2: 3, o3: 0 }, matrix: null },
          perMunicipality: null,
          breakdown: null,
        },
      ],
    ]);
  });

  for (const name of commandNames) {
    it(`ME1 S1 ${name}: every garbage payload answers BAD_REQUEST and changes nothing`, async () => {
      const dbBefore = dumpDb(server.dbFile);
      const viewBefore = await visibleState();
      const garbage = garbageFor(name);
      // The rate limit is 20 commands a second per connection: a fresh connection per dozen.
      for (let i = 0; i < garbage.length; i += 12) {
        const client = await socketFor(name);
        const answers = await Promise.all(
          garbage
            .slice(i, i + 12)
            .map(async (g) => ({ g, ack: await client.sendRaw(name, g.payload, 5000, g.argCount ?? 1) })),
        );
        for (const { g, ack } of answers) {
          expect(ack, `${name} with ${g.label}`).toEqual({
            ok: false,
            error: { code: 'BAD_REQUEST', message: `invalid ${name} payload`, issues: expect.any(Array) },
          });
          const issues = (ack as { error: { issues: { path: string; message: string }[] } }).error.issues;
          expect(issues.length, g.label).toBeGreaterThan(0);
          if (g.field) expect(issues[0]?.path, g.label).toBe(g.field);
        }
        client.close();
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(dumpDb(server.dbFile)).toEqual(dbBefore);
      expect(await visibleState()).toEqual(viewBefore);
    });
  }

  it('ME1 an unknown event name with an ack answers UNKNOWN_COMMAND; without an ack it is ignored', async () => {
    const client = await connect(server.url);
    for (const name of ['vote:delete', 'toString', 'constructor', 'hasOwnProperty', 'round:reopen', 'x'.repeat(300)]) {
      expect(await client.sendRaw(name, { roundId })).toEqual({
        ok: false,
        error: { code: 'UNKNOWN_COMMAND', message: `no command named ${name.slice(0, 60)}` },
      });
    }
    (client.socket as unknown as { emit(name: string, ...args: unknown[]): void }).emit('ballots:dump', { all: true });
    // The connection still answers commands afterwards.
    expect(await client.send('session:lookup', { joinCode: workshop.joinCode })).toMatchObject({ ok: true });
  });

  it('S2 an oversized message drops that connection only; the server and other phones carry on', async () => {
    const client = await connect(server.url);
    const dropped = new Promise<string>((resolve) => client.socket.on('disconnect', (reason) => resolve(reason)));
    client.socket.io.reconnection(false);
    (client.socket as unknown as { emit(name: string, ...args: unknown[]): void }).emit('vote:cast', {
      commandId: newCommandId(),
      roundId,
      ballot: { kind: 'single-choice', optionId: 'x'.repeat(100 * 1024) },
    });
    expect(await dropped).toBe('transport close');
    const phone = workshop.phones[1]!;
    expect(await phone.client.send('vote:cast', voteFor(roundId, single('o3')))).toEqual({
      ok: true,
      value: { roundId, stored: false },
    });
    expect(await getJson(`${server.url}/healthz`)).toMatchObject({ status: 200, body: { ok: true } });
    const resumed = await phone.client.ok('participant:resume', { sessionId: workshop.sessionId, token: phone.token });
    expect(resumed.self.ballot).toEqual(single('o3'));
  });

  it('S1 after all of it the server is up and a valid command still works', async () => {
    expect(await getJson(`${server.url}/healthz`)).toMatchObject({ status: 200, body: { ok: true } });
    expect(await workshop.phones[0]!.client.send('vote:cast', voteFor(roundId, single('o1')))).toEqual({
      ok: true,
      value: { roundId, stored: false },
    });
  });
});
