import type { DomainEvent } from './events.ts';
import { evolveAll } from './evolve.ts';
import { UNPLACED } from './results/cast-ballot.ts';
import type { CastBallot } from './results/cast-ballot.ts';
import { tallyWithInPlace } from './results/running-tally.ts';
import { cloudWith } from './running-cloud.ts';
import type { Round, SessionState } from './state.ts';
import { tableGet, tableSetInPlace } from './table.ts';

/**
 * SE8: the session as a turn's events change it, in one pass. The first ballot of a turn copies the
 * session, its list of rounds, the round, the ballots' slot arrays and bucket and the tally's groups, as
 * `evolve` does for every ballot; the turn's next ballots write into those copies, which only this draft
 * holds. `state` is the session with every event applied so far: read it, but keep it no longer than the
 * draft is open: `sealDraft` ends the draft, and from then on nothing changes the state it returns.
 * States given to a draft are never changed. Events other than ballots go through `evolveAll` as ever.
 */
export interface SessionDraft {
  readonly state: SessionState;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

class Draft implements SessionDraft {
  state: SessionState;
  /** What this draft made and so may change in place; emptied when sealed. */
  readonly mine = new Set<object>();

  constructor(state: SessionState) {
    this.state = state;
  }
}

/** A draft starting at `state` (nothing is copied until an event changes something). */
export function draftOf(state: SessionState): SessionDraft {
  return new Draft(state);
}

/** Applies `events` to the draft: its `state` then equals `evolveAll` of the events on it, one by one. */
export function applyToDraft(draft: SessionDraft, events: readonly DomainEvent[]): void {
  const d = draft as Draft;
  let from = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (event.type !== 'vote:cast' && event.type !== 'ballot:placed') continue;
    if (i > from) fallBack(d, events.slice(from, i));
    from = i + 1;
    if (event.type === 'vote:cast') {
      const { zoneId, municipalityId, ballot } = event;
      // PA1: a paper ballot keeps its flag; a phone's ballot has none (as `evolve`).
      const cast: CastBallot = event.paper
        ? { zoneId, municipalityId, ballot, paper: true as const }
        : { zoneId, municipalityId, ballot };
      const round = ownRound(d, event.roundId);
      if (round) setBallot(d, round, event.voterKey, tableGet(round.ballots, event.voterKey), cast);
    } else {
      const found = d.state.rounds.find((r) => r.id === event.roundId);
      const cast = found ? tableGet(found.ballots, event.voterKey) : undefined;
      if (!cast || cast.zoneId !== UNPLACED) continue;
      const placed = { ...cast, zoneId: event.zoneId, municipalityId: event.municipalityId };
      setBallot(d, ownRound(d, event.roundId)!, event.voterKey, cast, placed);
    }
  }
  if (from < events.length) fallBack(d, from === 0 ? events : events.slice(from));
}

/**
 * Events other than ballots, as `evolveAll` makes them: new objects the draft does not own. What it owned
 * is let go too (copied again when written), so a long draft holds no replaced copies.
 */
function fallBack(d: Draft, events: readonly DomainEvent[]): void {
  d.state = evolveAll(d.state, events)!;
  d.mine.clear();
}

/** Ends the draft: its state is final (nothing changes it any more) and returned. */
export function sealDraft(draft: SessionDraft): SessionState {
  const d = draft as Draft;
  d.mine.clear();
  return d.state;
}

function setBallot(
  d: Draft,
  round: Mutable<Round>,
  voterKey: string,
  previous: CastBallot | undefined,
  cast: CastBallot,
): void {
  round.ballots = tableSetInPlace(round.ballots, voterKey, cast, d.mine);
  // SE7: a changed ballot takes the old one out of the tally first.
  round.tally = tallyWithInPlace(round.tally, round.config, round.options, previous, cast, d.mine);
  // WC6: as evolve's vote:cast (a placed ballot keeps its words: nothing changes).
  if (cast.ballot.kind === 'word-cloud') round.cloud = cloudWith(round.cloud, previous?.ballot, cast.ballot, d.mine);
}

/** The round as the draft's own copy (the session and its round list too), or null when there is none. */
function ownRound(d: Draft, roundId: string): Mutable<Round> | null {
  const index = d.state.rounds.findIndex((r) => r.id === roundId);
  if (index < 0) return null;
  let state = d.state as Mutable<SessionState>;
  if (!d.mine.has(state)) {
    state = { ...state };
    d.mine.add(state);
    d.state = state;
  }
  let rounds = state.rounds as Round[];
  if (!d.mine.has(rounds)) {
    rounds = rounds.slice();
    d.mine.add(rounds);
    state.rounds = rounds;
  }
  let round = rounds[index]!;
  if (!d.mine.has(round)) {
    round = { ...round };
    d.mine.add(round);
    rounds[index] = round;
  }
  return round as Mutable<Round>;
}
