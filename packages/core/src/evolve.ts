import type { DomainEvent } from './events.ts';
import { evolveDesign, isDesignEvent } from './evolve-design.ts';
import { evolveDoor, isDoorEvent } from './evolve-door.ts';
import { evolveLifecycle } from './evolve-lifecycle.ts';
import { evolvePainPoints, submitAll } from './evolve-pain-points.ts';
import { NO_PARTICIPANTS, withParticipant } from './participants.ts';
import { tableFromEntries, tableGet, tableSet, tableValues } from './table.ts';
import type { Round, SessionState } from './state.ts';
import { UNPLACED } from './results/cast-ballot.ts';
import { NO_TALLY, tallyWith } from './results/running-tally.ts';
import { cloudWith } from './running-cloud.ts';

function mapRound(state: SessionState, roundId: string, change: (round: Round) => Round): SessionState {
  return { ...state, rounds: state.rounds.map((r) => (r.id === roundId ? change(r) : r)) };
}

/** The session as it is after `event`. Never mutates its input. */
export function evolve(state: SessionState | null, event: DomainEvent): SessionState {
  if (event.type === 'session:created') {
    return {
      id: event.sessionId,
      title: event.title,
      description: event.description,
      date: event.date,
      language: event.language,
      joinCode: event.joinCode,
      status: 'draft',
      zones: event.zones,
      settings: event.settings,
      ownerAccountId: event.ownerAccountId,
      participants: NO_PARTICIPANTS,
      rounds: [],
      currentRoundId: null,
    };
  }
  if (!state) throw new Error(`event ${event.type} before session:created`);
  if (isDesignEvent(event)) return evolveDesign(state, event);
  if (isDoorEvent(event)) return evolveDoor(state, event);
  switch (event.type) {
    case 'participant:joined':
      return { ...state, participants: withParticipant(state.participants, event.participant) };
    case 'session:status-changed':
    case 'session:results-page-set':
      return evolveLifecycle(state, event);
    case 'round:created': {
      const round: Round = {
        id: event.roundId,
        question: event.question,
        options: event.options,
        config: event.config,
        status: 'draft',
        reveal: event.reveal,
        revealed: false,
        locked: false,
        durationSeconds: event.durationSeconds,
        closesAt: null,
        rerunOf: event.rerunOf,
        compareKey: event.compareKey,
        ...(event.plain ? { plain: event.plain } : {}),
        ballots: {},
        tally: NO_TALLY,
        closedResults: null,
        points: {},
        submitted: {},
        versions: [],
      };
      const rounds = [...state.rounds];
      rounds.splice(event.position, 0, round);
      return { ...state, rounds };
    }
    case 'round:opened':
      return {
        ...mapRound(state, event.roundId, (r) => ({
          ...r,
          status: 'open',
          closesAt: event.closesAt,
        })),
        currentRoundId: event.roundId,
      };
    case 'round:timer-set':
      return mapRound(state, event.roundId, (r) => ({ ...r, closesAt: event.closesAt }));
    case 'round:locked':
      return mapRound(state, event.roundId, (r) => ({ ...r, locked: event.locked }));
    case 'round:revealed':
      return mapRound(state, event.roundId, (r) => ({ ...r, revealed: event.revealed }));
    case 'round:shown':
      return { ...state, currentRoundId: event.roundId };
    case 'round:closed':
      return mapRound(state, event.roundId, ({ cloud: _cloud, ...r }) => ({
        ...r,
        status: 'closed',
        locked: false,
        closesAt: null,
        ballots: {},
        tally: NO_TALLY,
        closedResults: event.results,
        // AN10: support keys and the per-voter counts go; the counts on the entries stay.
        points: tableFromEntries(tableValues(r.points).map((p) => [p.id, { ...p, supporters: [] }] as const)),
        submitted: {},
      }));
    case 'vote:cast': {
      const { zoneId, municipalityId, ballot } = event;
      // PA1: a paper ballot keeps its flag; a phone's ballot has none.
      const cast = event.paper
        ? { zoneId, municipalityId, ballot, paper: true as const }
        : { zoneId, municipalityId, ballot };
      return mapRound(state, event.roundId, (r) => ({
        ...r,
        ballots: tableSet(r.ballots, event.voterKey, cast),
        // SE7: a changed ballot takes the old one out of the tally first.
        tally: tallyWith(r.tally, r.config, r.options, tableGet(r.ballots, event.voterKey), cast),
        // WC6: the cloud's counts too (a word-cloud ballot only).
        ...(ballot.kind === 'word-cloud'
          ? { cloud: cloudWith(r.cloud, tableGet(r.ballots, event.voterKey)?.ballot, ballot) }
          : {}),
      }));
    }
    case 'ballot:placed':
      return mapRound(state, event.roundId, (r) => {
        const cast = tableGet(r.ballots, event.voterKey);
        if (!cast || cast.zoneId !== UNPLACED) return r;
        const { zoneId, municipalityId } = event;
        const placed = { ...cast, zoneId, municipalityId };
        return {
          ...r,
          ballots: tableSet(r.ballots, event.voterKey, placed),
          tally: tallyWith(r.tally, r.config, r.options, cast, placed),
        };
      });
    case 'text:version-saved':
      return mapRound(state, event.roundId, (r) => ({ ...r, versions: [...r.versions, event.version] }));
    default:
      return mapRound(state, event.roundId, (r) => evolvePainPoints(r, event));
  }
}

export function evolveAll(state: SessionState | null, events: readonly DomainEvent[]): SessionState | null {
  let s = state;
  for (let i = 0; i < events.length;) {
    const event = events[i]!;
    // A run of entries submitted to one round (a stored batch, AN13) goes in at once (P3).
    if (s && event.type === 'painpoint:submitted') {
      let end = i + 1;
      while (end < events.length) {
        const next = events[end]!;
        if (next.type !== 'painpoint:submitted' || next.roundId !== event.roundId) break;
        end++;
      }
      if (end - i > 1) {
        const run = events.slice(i, end) as Extract<DomainEvent, { type: 'painpoint:submitted' }>[];
        s = mapRound(s, event.roundId, (r) => submitAll(r, run));
        i = end;
        continue;
      }
    }
    s = evolve(s, event);
    i++;
  }
  return s;
}
