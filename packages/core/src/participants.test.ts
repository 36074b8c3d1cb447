import { describe, expect, it } from 'vitest';
import {
  NO_PARTICIPANTS,
  participantById,
  participantByToken,
  participantList,
  participantsFrom,
  withParticipant,
  type Participants,
} from './participants.ts';
import type { Participant } from './state.ts';
import { tableValues } from './table.ts';
import { mulberry32 } from './test-fixtures.ts';

/** What the counts and the index must be: worked out again from the list of participants. */
function recount(all: Participants) {
  const list = participantList(all);
  const perZone: Record<string, number> = {};
  for (const p of list) perZone[p.zoneId] = (perZone[p.zoneId] ?? 0) + 1;
  return { count: list.length, perZone, tokens: list.map((p) => p.tokenHash).sort() };
}

const nonZero = (perZone: Readonly<Record<string, number>>) =>
  Object.fromEntries(Object.entries(perZone).filter(([, n]) => n !== 0));

describe('SE1 SE6 participants by id and token, counted as they join', () => {
  it('SE6 over 50 seeded random join sequences (re-joins included) the kept counts and the token index equal a recount', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const rand = mulberry32(seed);
      let all = NO_PARTICIPANTS;
      const people = 1 + Math.floor(rand() * 300);
      for (let step = 0; step < people * 1.3; step++) {
        const n = Math.floor(rand() * people);
        const participant: Participant = {
          id: `id${n.toString(36)}x${seed}`,
          tokenHash: `${(n * 2654435761).toString(16)}${seed}`,
          // A re-join with another zone replaces the first (the server's SE1 keeps the first zone; the
          // table must still count right whatever it is given).
          zoneId: `z${1 + Math.floor(rand() * 5)}`,
          municipalityId: null,
          name: `P${n}`,
        };
        all = withParticipant(all, participant);
        expect(participantByToken(all, participant.tokenHash), `seed ${seed}`).toEqual(participant);
        expect(participantById(all, participant.id), `seed ${seed}`).toEqual(participant);
      }
      const truth = recount(all);
      expect(all.count, `seed ${seed}`).toBe(truth.count);
      expect(nonZero(all.perZone), `seed ${seed}`).toEqual(truth.perZone);
      expect(tableValues(all.byToken).length, `seed ${seed}`).toBe(truth.count);
      // Loading the same participants at once gives the same counts.
      const loaded = participantsFrom(participantList(all));
      expect(loaded.count).toBe(all.count);
      expect(nonZero(loaded.perZone)).toEqual(nonZero(all.perZone));
    }
  });

  it('SE6 a join copies one bucket, not every participant: the other buckets are shared with the state before', () => {
    let all = NO_PARTICIPANTS;
    for (let n = 0; n < 2000; n++) {
      all = withParticipant(all, {
        id: `${'abcdefgh'[n % 8]}${n}`,
        tokenHash: `t${n}`,
        zoneId: 'z1',
        municipalityId: null,
        name: '',
      });
    }
    const next = withParticipant(all, { id: 'a-new', tokenHash: 'new', zoneId: 'z2', municipalityId: null, name: '' });
    // Ids start with a-h: of those eight first-level slots only 'a' is copied; the others are shared.
    const slots = [...'abcdefgh'].map((c) => c.charCodeAt(0) & 63);
    const shared = slots.filter((i) => next.byId.slots?.[i] === all.byId.slots?.[i]);
    expect(shared).toEqual(slots.slice(1));
    expect(next.count).toBe(2001);
    expect(next.perZone).toEqual({ z1: 2000, z2: 1 });
  });
});
