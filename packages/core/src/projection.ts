import { hasWall, PROTOCOL_VERSION } from '@vrijuit/protocol';
import type {
  DoorView,
  FacilitatorView,
  ParticipantSelf,
  ParticipantView,
  ProjectorView,
  RoundPublic,
  RoundResults,
  RoundView,
  SessionInfo,
} from '@vrijuit/protocol';
import { resultsPageOf } from './decide-results-page.ts';
import { nextDraft } from './decide-steering.ts';
import { paperForRoom } from './project-paper.ts';
import { moderationOf, releasedCount, supportedBy, wallOf } from './project-wall.ts';
import { withCloud } from './project-word-cloud.ts';
import { resultsOfTally } from './results/index.ts';
import type { Participant, Round, SessionState } from './state.ts';
import { tableGet, tableValues } from './table.ts';

/**
 * The one projection: everything that leaves the server is built here, per viewer.
 * - AN2: no view carries ballots, voter keys, participant ids or tokens; consoles get counts.
 * - RO7: phones and the projector get a round's results only when it reveals live or was revealed.
 * - BR1: breakdowns by zone and municipality exist only for closed rounds, already suppressed (AN4, AN5).
 * - AN7-AN9: a pain-point round's wall lists released entries by random id, with no author and no time;
 *   waiting entries are a count on the console only (project-wall.ts).
 */

export function sessionInfo(state: SessionState): SessionInfo {
  return {
    sessionId: state.id,
    title: state.title,
    zones: state.zones.map((z) => ({ ...z, municipalities: z.municipalities.map((m) => ({ ...m })) })),
    status: state.status,
    language: state.language,
    // KT1: only when on, so a session without it reads as before.
    ...(state.settings.plainLanguage ? { plainLanguage: true as const } : {}),
  };
}

function roundPublic(round: Round): RoundPublic {
  return {
    id: round.id,
    question: round.question,
    options: round.options.map((o) => ({ ...o })),
    config: round.config,
    status: round.status,
    reveal: round.reveal,
    revealed: round.revealed,
    locked: round.locked,
    closesAt: round.closesAt,
    rerunOf: round.rerunOf,
    compareKey: round.compareKey,
    // KT2: only when the round has a plain wording, so other views stay as they were.
    ...(round.plain ? { plain: { question: round.plain.question, options: [...round.plain.options] } } : {}),
  };
}

/** Results as they stand: kept results of a closed round, live results (no breakdown) otherwise. */
export function resultsOf(state: SessionState, round: Round): RoundResults | null {
  if (round.status === 'draft' || hasWall(round.config) || round.config.kind === 'position-text') {
    return null;
  }
  if (round.closedResults) return round.closedResults;
  // SE7: from the running tally, never a recount of the ballots (a word cloud counts its words: WC6).
  const results = resultsOfTally({
    config: round.config,
    options: round.options,
    tally: round.tally,
    zones: state.zones,
    settings: state.settings,
    withBreakdown: false,
  });
  return withCloud(state, round, results);
}

function respondentsOf(round: Round): number {
  if (hasWall(round.config)) return releasedCount(round);
  return round.closedResults?.respondents ?? round.tally.held;
}

const shownToRoom = (round: Round) => round.status !== 'draft' && (round.reveal === 'live' || round.revealed);

function roundView(state: SessionState, round: Round, forFacilitator: boolean): RoundView {
  const visible = forFacilitator || shownToRoom(round);
  return {
    ...roundPublic(round),
    results: !visible ? null : forFacilitator ? resultsOf(state, round) : paperForRoom(round, resultsOf(state, round)),
    wall: !visible ? null : forFacilitator ? wallOf(round, true) : paperForRoom(round, wallOf(round, false)),
  };
}

export function currentRound(state: SessionState): Round | undefined {
  return state.rounds.find((r) => r.id === state.currentRoundId);
}

export function participantView(state: SessionState, now: number): ParticipantView {
  const round = currentRound(state);
  return {
    protocolVersion: PROTOCOL_VERSION,
    serverTime: now,
    // WC10: the same k as the projector's (PJ), for the word cloud's phone.
    session: { ...sessionInfo(state), anonymityThreshold: state.settings.anonymityThreshold },
    round: round ? roundView(state, round, false) : null,
    moreRounds: nextDraft(state) !== undefined,
  };
}

/** `voterKey` is the participant's key in the current round, or null when that round has none. */
export function participantSelf(
  state: SessionState,
  participant: Participant,
  voterKey: string | null,
): ParticipantSelf {
  const round = currentRound(state);
  const ballot = round && voterKey ? (tableGet(round.ballots, voterKey)?.ballot ?? null) : null;
  const supported = round && voterKey ? supportedBy(round, voterKey) : [];
  return {
    zoneId: participant.zoneId,
    municipalityId: participant.municipalityId,
    name: participant.name,
    ballot,
    supported,
  };
}

/** `onlineByZone`: connected phones per zone id, counted by the server as phones come and go (ST6). */
export function facilitatorView(
  state: SessionState,
  online: number,
  now: number,
  onlineByZone: Readonly<Record<string, number>> = {},
  /** AN12: per round, participants with pain points waiting, in steps of k (the server's count). */
  waitingPeople: Readonly<Record<string, number>> = {},
): FacilitatorView {
  const joinedByZone = Object.fromEntries(state.zones.map((z) => [z.id, state.participants.perZone[z.id] ?? 0]));
  return {
    protocolVersion: PROTOCOL_VERSION,
    serverTime: now,
    session: {
      ...sessionInfo(state),
      joinCode: state.joinCode,
      settings: { ...state.settings },
      description: state.description,
      date: state.date,
      resultsPage: { ...resultsPageOf(state) },
    },
    attendance: {
      joined: state.participants.count,
      online,
      joinedByZone,
      onlineByZone: Object.fromEntries(state.zones.map((z) => [z.id, onlineByZone[z.id] ?? 0])),
    },
    ...doorView(state),
    rounds: state.rounds.map((r) => consoleRound(state, r, waitingPeople[r.id] ?? 0)),
    currentRoundId: state.currentRoundId,
  };
}

type ConsoleRound = FacilitatorView['rounds'][number];

/**
 * A round as the console shows it, kept with the round it was made from (issue 17, item 3): a state's
 * rounds are never changed once made (a new state has new objects for what changed, SE6; only an open
 * draft writes into its own copies, and views are made of sealed states, SE8), so while
 * the round object, the session's zones and settings (results, k, the word cloud's filter) and the count
 * of people waiting (AN12) are the same, so is its view. A session of 2,000 pain points built each round's
 * wall again for every console push (~3 ms); now only the rounds that changed. Views are read, never
 * written: one object may go to several pushes.
 */
const consoleRounds = new WeakMap<
  Round,
  { zones: SessionState['zones']; settings: SessionState['settings']; waiting: number; view: ConsoleRound }
>();

function consoleRound(state: SessionState, r: Round, waiting: number): ConsoleRound {
  const kept = consoleRounds.get(r);
  if (kept && kept.zones === state.zones && kept.settings === state.settings && kept.waiting === waiting)
    return kept.view;
  const view: ConsoleRound = {
    ...roundView(state, r, true),
    respondents: respondentsOf(r),
    moderation: moderationOf(r, waiting),
    versions: r.config.kind === 'position-text' ? r.versions.map((v) => ({ ...v })) : null,
    durationSeconds: r.durationSeconds,
  };
  consoleRounds.set(r, { zones: state.zones, settings: state.settings, waiting, view });
  return view;
}

/** DO1-DO4: the door on the console, counts per zone only; nothing while it is open and nobody waits. */
function doorView(state: SessionState): { door?: DoorView } {
  const door = state.door;
  const waiting = door ? tableValues(door.waiting) : [];
  if (!door?.closed && waiting.length === 0) return {};
  const waitingByZone: Record<string, number> = Object.fromEntries(state.zones.map((z) => [z.id, 0]));
  for (const j of waiting) waitingByZone[j.zoneId] = (waitingByZone[j.zoneId] ?? 0) + 1;
  return { door: { closed: door?.closed ?? false, waiting: waiting.length, waitingByZone } };
}

export function projectorView(state: SessionState, now: number): ProjectorView {
  const round = currentRound(state);
  const previous = round?.rerunOf ? state.rounds.find((r) => r.id === round.rerunOf) : undefined;
  return {
    protocolVersion: PROTOCOL_VERSION,
    serverTime: now,
    session: {
      ...sessionInfo(state),
      joinCode: state.joinCode,
      anonymityThreshold: state.settings.anonymityThreshold,
    },
    joined: state.participants.count,
    round: round ? { ...roundView(state, round, false), respondents: respondentsOf(round) } : null,
    previous: previous ? roundView(state, previous, false) : null,
  };
}
