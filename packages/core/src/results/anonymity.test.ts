import { describe, expect, it } from 'vitest';
import type { GroupResult, Zone } from '@vrijuit/protocol';
import type { CastBallot } from './cast-ballot.ts';
import { withoutMunicipalityId } from './breakdown.ts';
import { roundResults } from './round-results.ts';
import { SINGLE, cast, options, seeded, single, zone } from './test-fixtures.ts';
import { setSessionStatus } from '../decide-lifecycle.ts';
import { exportDocument } from '../export/export-document.ts';
import type { ExportWords } from '../export/export-results.ts';
import { resultsPageView } from '../project-results-page.ts';
import { addRound, join, NOW, run, session, startRound, vote } from '../test-fixtures.ts';

const WORDS: ExportWords = {
  agreementLevels: { gradients: [], 'fist-of-five': [] },
  withoutMunicipality: '{zone}, zonder gemeente',
};

/**
 * AN4/AN5/AN23 as a property: for many seeded random sessions with phone and paper ballots, whatever
 * anyone computes from the shown figures by subtraction (the total minus the shown zones; a shown zone
 * minus its shown groups) is either nobody, at least k people, or the whole parent (which is published
 * anyway), and that in phone voters too: the facilitator, who typed the paper ballots, can take them out
 * of any figure. Since the hidden parts of different levels are disjoint sets of people, sums of them are
 * at least k as well.
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
  // Some sessions have no paper at all, some a lot: the share of paper ballots is drawn per session.
  const paperShare = [0, 0.15, 0.4, 0.7][rnd.int(0, 3)]!;
  const ballots = Array.from({ length: rnd.int(0, 40) }, () => {
    const r = rnd.next();
    // Now and then a stray: a zone unknown to the session, or a municipality not in the zone.
    const z = r < 0.03 ? zone('zX') : zones[rnd.int(0, zones.length - 1)]!;
    const ms = z.municipalities;
    const m = r > 0.97 ? 'nowhere' : ms.length > 0 && rnd.next() < 0.85 ? ms[rnd.int(0, ms.length - 1)]!.id : null;
    const ballot = cast(z.id, m, single(OPTIONS[rnd.int(0, OPTIONS.length - 1)]!.id));
    return rnd.next() < paperShare ? { ...ballot, paper: true as const } : ballot;
  });
  // AN20: k is at least 3 (results never use less, AN24).
  return { zones, ballots, k: rnd.int(3, 6) };
}

type Shown = Extract<GroupResult, { suppressed: false }>;
const isShown = (g: GroupResult): g is Shown => !g.suppressed;
const phoneIn = (ballots: readonly CastBallot[]) => ballots.filter((c) => !c.paper).length;

/** The ballots of a breakdown group, from what the test generated (zones and municipality groups, BR2, BR3). */
function membersOf(zones: readonly Zone[], ballots: readonly CastBallot[], id: string): CastBallot[] {
  const z = zones.find((zone) => zone.id === id);
  if (z) return ballots.filter((c) => c.zoneId === id);
  for (const zone of zones) {
    const own = new Set(zone.municipalities.map((m) => m.id));
    if (id === withoutMunicipalityId(zone.id)) {
      return ballots.filter((c) => c.zoneId === zone.id && (c.municipalityId === null || !own.has(c.municipalityId)));
    }
    if (own.has(id)) return ballots.filter((c) => c.zoneId === zone.id && c.municipalityId === id);
  }
  throw new Error(`no group ${id}`);
}

/**
 * parent − Σ shown groups, as anyone can compute it: how many people, their votes per option, and how many
 * of them voted on a phone (what the facilitator, who knows the paper ballots, is left with).
 */
function hiddenPart(
  parent: { respondents: number; values: Record<string, number>; phone: number },
  groups: GroupResult[],
  phoneOf: (id: string) => number,
) {
  const shown = groups.filter(isShown);
  const people = parent.respondents - shown.reduce((sum, g) => sum + g.respondents, 0);
  const phone = parent.phone - shown.reduce((sum, g) => sum + phoneOf(g.id), 0);
  const votes = OPTIONS.map(
    (o) => (parent.values[o.id] ?? 0) - shown.reduce((s, g) => s + (g.result.values[o.id] ?? 0), 0),
  );
  return { people, phone, votes, allHidden: groups.every((g) => !isShown(g) || g.respondents === 0) };
}

const safe = (n: number, k: number, allHidden: boolean) => n === 0 || n >= k || allHidden;

describe('anonymity of breakdowns, property over seeded random sessions', () => {
  it('AN4 AN5 AN23 no subtraction of shown figures yields the votes of fewer than k people, or of fewer than k phone voters once the paper ballots are taken out', () => {
    let complements = 0;
    let liftedByPaper = 0;
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
      const phoneOf = (id: string) => phoneIn(membersOf(zones, ballots, id));

      // AN4, AN23: nothing shown is a group of 1..k-1 people, nor one of fewer than k phone voters.
      for (const g of [...zoneGroups, ...municipalities].filter(isShown)) {
        expect(g.respondents === 0 || g.respondents >= k, `${where}: ${g.id} shows ${g.respondents}`).toBe(true);
        expect(g.respondents === 0 || phoneOf(g.id) >= k, `${where}: ${g.id} shows ${phoneOf(g.id)} phone voters`).toBe(
          true,
        );
      }

      // AN5, AN23, zones against the total.
      const top = hiddenPart(
        { respondents: out.respondents, values: out.perPerson.values, phone: phoneIn(ballots) },
        zoneGroups,
        phoneOf,
      );
      expect(out.respondents - (out.paper ?? Number.NaN), `${where}: phone voters in the total`).toBe(phoneIn(ballots));
      expect(
        top.votes.reduce((a, b) => a + b, 0),
        `${where}: arithmetic`,
      ).toBe(top.people);
      expect(safe(top.people, k, top.allHidden), `${where}: total − zones = ${top.people}`).toBe(true);
      expect(safe(top.phone, k, top.allHidden), `${where}: total − zones = ${top.phone} on phones`).toBe(true);

      // AN5, AN23, each zone's municipalities against the zone; all hidden when the zone is.
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
        const part = hiddenPart(
          { respondents: parent.respondents, values: parent.result.values, phone: phoneOf(z.id) },
          groups,
          phoneOf,
        );
        if (z.municipalities.length > 0) expect(part.votes.reduce((a, b) => a + b, 0)).toBe(part.people);
        expect(safe(part.people, k, part.allHidden), `${where}: ${z.id} − groups`).toBe(true);
        expect(safe(part.phone, k, part.allHidden), `${where}: ${z.id} − groups, phone voters`).toBe(true);
      });

      // AN6, AN23: the per-municipality tally only when every voting municipality has k phone voters.
      if (out.perMunicipality && !out.perMunicipality.withheld) {
        for (const z of zones) {
          for (const m of z.municipalities) {
            const members = membersOf(zones, ballots, m.id);
            if (members.length > 0)
              expect(phoneIn(members), `${where}: ${m.id} in the tally`).toBeGreaterThanOrEqual(k);
          }
        }
      }

      // A complement: a zone of at least k phone voters hidden only so that a smaller one cannot be recovered.
      if (zoneGroups.some((g) => g.suppressed && phoneOf(g.id) >= k)) complements++;
      // The case paper would have lifted before AN23: k or more respondents, fewer than k of them on phones.
      if (zoneGroups.some((g) => g.suppressed && membersOf(zones, ballots, g.id).length >= k && phoneOf(g.id) < k)) {
        liftedByPaper++;
      }
    }
    // The generator must actually produce the interesting cases, or the property proves little.
    expect(complements).toBeGreaterThan(CASES / 10);
    expect(liftedByPaper).toBeGreaterThan(CASES / 20);
  });
});

/**
 * RP4, RP5 beside the export (EX4): the results page after a session is made from the export's model,
 * so over seeded random sessions run through core (phones joined in random zones, a vote shown to the
 * room, the session closed) the page's zones are the export's to the letter, nothing the page shows is a
 * group of 1..k-1, and total − Σ shown zones is 0, at least k, or the whole (AN5).
 */
describe('anonymity of the results page, property over seeded random sessions', () => {
  it('RP4 RP5 AN4 AN5 EX4 the results page shows the export’s zones, suppressed as there, and nothing under k', () => {
    let suppressedSeen = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = seeded(seed);
      const k = rnd.int(3, 5);
      let s = session({ anonymityThreshold: k });
      s = addRound(s, 'r1', { kind: 'single-choice' }, { reveal: 'live' });
      s = startRound(s, 'r1');
      const people = rnd.int(0, 16);
      for (let n = 1; n <= people; n++) {
        s = join(s, n, `z${rnd.int(1, 3)}`);
        s = vote(s, n, `o${rnd.int(1, 3)}`);
      }
      s = run(s, setSessionStatus(s, { status: 'closed', now: NOW }));
      const where = `seed ${seed}, k ${k}, ${people} people`;
      const page = resultsPageView(s, { texts: {}, words: WORDS, now: NOW + 1 });
      if (page.state !== 'open') throw new Error(`${where}: the page is ${page.state}`);
      const shown = page.rounds[0];
      const exported = exportDocument(s, { facilitator: null, texts: {}, words: WORDS }).rounds[0];
      if (shown?.kind !== 'vote' || exported?.kind !== 'vote') throw new Error(`${where}: no vote`);
      expect(shown.zones, where).toEqual(exported.results.zones);
      expect(shown.respondents, where).toBe(exported.results.respondents);
      for (const g of shown.zones) {
        if (g.suppressed) {
          suppressedSeen++;
          expect(g.respondents === null && g.values === null, `${where}: ${g.id} suppressed with figures`).toBe(true);
        } else
          expect(g.respondents === 0 || (g.respondents ?? 0) >= k, `${where}: ${g.id} shows ${g.respondents}`).toBe(
            true,
          );
      }
      const rest =
        shown.respondents - shown.zones.reduce((sum, g) => sum + (g.suppressed ? 0 : (g.respondents ?? 0)), 0);
      const allHidden = shown.zones.every((g) => g.suppressed || g.respondents === 0);
      expect(safe(rest, k, allHidden), `${where}: total − shown zones = ${rest}`).toBe(true);
    }
    expect(suppressedSeen).toBeGreaterThan(100);
  });
});
