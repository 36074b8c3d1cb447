import { describe, expect, it } from 'vitest';
import type { GroupResult, Zone } from '@vrijuit/protocol';
import type { CastBallot } from './cast-ballot.ts';
import { withoutMunicipalityId } from './breakdown.ts';
import { roundResults } from './round-results.ts';
import { SINGLE, cast, options, seeded, single, zone } from './test-fixtures.ts';

/**
 * AN4/AN5 as a property: for many seeded random sessions, whatever anyone computes from the shown
 * figures by subtraction (the total minus the shown zones; a shown zone minus its shown groups) is
 * either nobody, at least k people, or the whole parent (which is published anyway). Since the hidden
 * parts of different levels are disjoint sets of people, sums of them are at least k as well.
 */
const OPTIONS = options('x', 'y', 'z');
const CASES = 2000;

interface Population {
  zones: Zone[];
  ballots: CastBallot[];
  k: number;
}

function population(seed: number): Population {
  const rnd = seeded(seed);
  const zones = Array.from({ length: rnd.int(1, 5) }, (_, i) =>
    zone(
      `z${i + 1}`,
      Array.from({ length: rnd.int(0, 5) }, () => rnd.int(1, 5)),
    ),
  );
  const ballots = Array.from({ length: rnd.int(0, 40) }, () => {
    const r = rnd.next();
    // Now and then a stray: a zone unknown to the session, or a municipality not in the zone.
    const z = r < 0.03 ? zone('zX') : zones[rnd.int(0, zones.length - 1)]!;
    const ms = z.municipalities;
    const m = r > 0.97 ? 'nowhere' : ms.length > 0 && rnd.next() < 0.85 ? ms[rnd.int(0, ms.length - 1)]!.id : null;
    return cast(z.id, m, single(OPTIONS[rnd.int(0, OPTIONS.length - 1)]!.id));
  });
  return { zones, ballots, k: rnd.int(1, 5) };
}

type Shown = Extract<GroupResult, { suppressed: false }>;
const isShown = (g: GroupResult): g is Shown => !g.suppressed;

/** parent − Σ shown groups, as anyone can compute it: how many people, and their votes per option. */
function hiddenPart(parent: { respondents: number; values: Record<string, number> }, groups: GroupResult[]) {
  const shown = groups.filter(isShown);
  const people = parent.respondents - shown.reduce((sum, g) => sum + g.respondents, 0);
  const votes = OPTIONS.map(
    (o) => (parent.values[o.id] ?? 0) - shown.reduce((s, g) => s + (g.result.values[o.id] ?? 0), 0),
  );
  return { people, votes, allHidden: groups.every((g) => !isShown(g) || g.respondents === 0) };
}

describe('anonymity of breakdowns, property over seeded random sessions', () => {
  it('AN4 AN5 no subtraction of shown figures yields the votes of fewer than k people', () => {
    let complements = 0;
    for (let seed = 1; seed <= CASES; seed++) {
      const { zones, ballots, k } = population(seed);
      const out = roundResults({
        config: SINGLE,
        options: OPTIONS,
        ballots,
        zones,
        settings: { anonymityThreshold: k, weighted: false },
        withBreakdown: true,
      });
      const { zones: zoneGroups, municipalities } = out.breakdown!;
      const where = `seed ${seed}, k ${k}`;

      // AN4: nothing shown is a group of 1..k-1.
      for (const g of [...zoneGroups, ...municipalities].filter(isShown)) {
        expect(g.respondents === 0 || g.respondents >= k, `${where}: ${g.id} shows ${g.respondents}`).toBe(true);
      }

      // AN5, zones against the total.
      const top = hiddenPart({ respondents: out.respondents, values: out.perPerson.values }, zoneGroups);
      expect(
        top.votes.reduce((a, b) => a + b, 0),
        `${where}: arithmetic`,
      ).toBe(top.people);
      expect(top.people === 0 || top.people >= k || top.allHidden, `${where}: total − zones = ${top.people}`).toBe(
        true,
      );

      // AN5, each zone's municipalities against the zone; all hidden when the zone is.
      zones.forEach((z, i) => {
        const ids = new Set([...z.municipalities.map((m) => m.id), withoutMunicipalityId(z.id)]);
        const groups = municipalities.filter((g) => ids.has(g.id));
        const parent = zoneGroups[i]!;
        if (!isShown(parent)) {
          expect(
            groups.every((g) => g.suppressed),
            `${where}: ${z.id} hidden, its municipalities too`,
          ).toBe(true);
          return;
        }
        const part = hiddenPart({ respondents: parent.respondents, values: parent.result.values }, groups);
        if (z.municipalities.length > 0) expect(part.votes.reduce((a, b) => a + b, 0)).toBe(part.people);
        expect(part.people === 0 || part.people >= k || part.allHidden, `${where}: ${z.id} − groups`).toBe(true);
      });
      // A complement: a zone of at least k people hidden only so that a smaller one cannot be recovered.
      const sizeOf = (zoneId: string) => ballots.filter((c) => c.zoneId === zoneId).length;
      if (zoneGroups.some((g) => g.suppressed && sizeOf(g.id) >= k)) complements++;
    }
    // The generator must actually produce the interesting cases, or the property proves little.
    expect(complements).toBeGreaterThan(CASES / 10);
  });
});
