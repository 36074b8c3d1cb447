import type { RoundDesign, RoundPlain, SessionLanguage, SessionSettings, Zone, ZoneInput } from '@vrijuit/protocol';
import type { DomainEvent } from './events.ts';
import { belowFloor, lowered } from './floors.ts';
import { accept, reject, type Decision, type DomainError } from './result.ts';
import { validateConfig } from './results/index.ts';
import { tableValues } from './table.ts';
import type { Round, SessionState } from './state.ts';

/** Designing a session (DE1-DE6): details, settings, zones and the agenda. Ids are passed in. */

type Done = Record<string, never>;

/** SE4: zones get ids z1, z2, … in the order given; municipalities <zoneId>m1, … (weight 1 unless given). */
export function zonesOf(input: readonly ZoneInput[]): Zone[] {
  return input.map((zone, i) => {
    const id = `z${i + 1}`;
    const { name, municipalities } = typeof zone === 'string' ? { name: zone, municipalities: [] } : zone;
    return {
      id,
      name,
      municipalities: (municipalities ?? []).map((m, j) => ({
        id: `${id}m${j + 1}`,
        name: m.name,
        weight: m.weight ?? 1,
      })),
    };
  });
}

/** The draft rounds of an agenda, at the end of the agenda from `start` on (DE7); refused as RO1 would. */
export function agendaEvents(
  designs: readonly RoundDesign[],
  roundIds: readonly string[],
  start: number,
): { ok: true; events: DomainEvent[] } | { ok: false; error: DomainError } {
  const events: DomainEvent[] = [];
  for (const [i, design] of designs.entries()) {
    const invalid = validateConfig(design.config, design.options.length);
    if (invalid)
      return { ok: false, error: { code: invalid.code, message: `agenda item ${i + 1}: ${invalid.message}` } };
    const roundId = roundIds[i];
    if (!roundId) throw new Error('a round id per agenda item');
    events.push({
      type: 'round:created',
      roundId,
      ...designFields(design),
      rerunOf: null,
      position: start + i,
    });
  }
  return { ok: true, events };
}

function designFields(design: RoundDesign) {
  return {
    question: design.question,
    options: design.options.map((label, i) => ({ id: `o${i + 1}`, label })),
    config: design.config,
    reveal: design.reveal,
    durationSeconds: design.durationSeconds,
    compareKey: design.compareKey,
    ...plainField(plainOf(design.plain, design.options.length)),
  };
}

/**
 * KT2: a round's plain wording as kept: trimmed, options no longer than the round's (an empty one falls
 * back to the original label), or null when it says nothing.
 */
export function plainOf(plain: RoundPlain | null | undefined, optionCount = Infinity): RoundPlain | null {
  if (!plain) return null;
  const question = plain.question.trim();
  const options = plain.options.slice(0, optionCount).map((o) => o.trim());
  while (options.length > 0 && options.at(-1) === '') options.pop();
  return question === '' && options.length === 0 ? null : { question, options };
}

/** KT2: a plain wording as an event's field: left out when there is none, so other events stay as they were. */
export const plainField = (plain: RoundPlain | null | undefined): { plain?: RoundPlain } => (plain ? { plain } : {});

function findRound(state: SessionState, roundId: string): Round | undefined {
  return state.rounds.find((r) => r.id === roundId);
}

/**
 * DE1: change any of the details and settings; what is left out stays. DE2: zones only while nobody
 * has joined (`ZONES_IN_USE`), since a participant's zone and municipality ids would point nowhere.
 * AN20, AN21: no protection below its floor (`BELOW_FLOOR`); AN22: once someone joined, none lowered
 * (`PROTECTION_LOWERED`). Only the settings the command names are checked.
 */
export function updateSession(
  state: SessionState,
  input: {
    title?: string;
    description?: string;
    date?: string | null;
    language?: SessionLanguage;
    settings?: Partial<SessionSettings>;
    zones?: readonly ZoneInput[];
  },
): Decision<Done> {
  // DO1: a join waiting at the door holds a zone id too.
  if (input.zones && (state.participants.count > 0 || tableValues(state.door?.waiting ?? {}).length > 0)) {
    return reject('ZONES_IN_USE', 'people have joined with these zones; they can no longer change');
  }
  const refused = belowFloor(input.settings ?? {}) ?? lowered(state, input.settings ?? {});
  if (refused) return { ok: false, error: refused };
  const settings = { ...state.settings };
  for (const [key, value] of Object.entries(input.settings ?? {})) {
    if (value !== undefined) Object.assign(settings, { [key]: value });
  }
  const next = {
    title: input.title ?? state.title,
    description: input.description ?? state.description,
    date: input.date === undefined ? state.date : input.date,
    language: input.language ?? state.language,
    zones: input.zones ? zonesOf(input.zones) : state.zones.map((z) => ({ ...z })),
    settings,
  };
  const same =
    next.title === state.title &&
    next.description === state.description &&
    next.date === state.date &&
    next.language === state.language &&
    JSON.stringify(next.zones) === JSON.stringify(state.zones) &&
    JSON.stringify(next.settings) === JSON.stringify(state.settings);
  return accept(same ? [] : [{ type: 'session:updated', ...next }], {});
}

/** DE3: a draft round's design is replaced as a whole (checked as RO1); other rounds `ROUND_STATE`. */
export function updateRound(state: SessionState, input: { roundId: string; design: RoundDesign }): Decision<Done> {
  const round = findRound(state, input.roundId);
  if (!round) return reject('ROUND_NOT_FOUND', 'unknown round');
  if (round.status !== 'draft') return reject('ROUND_STATE', `a ${round.status} round cannot be changed`);
  const invalid = validateConfig(input.design.config, input.design.options.length);
  if (invalid) return { ok: false, error: invalid };
  return accept([{ type: 'round:updated', roundId: round.id, ...designFields(input.design) }], {});
}

/** DE4: any round moves to an index of the agenda; past the end is `POSITION_OUT_OF_RANGE`. */
export function moveRound(state: SessionState, input: { roundId: string; position: number }): Decision<Done> {
  const index = state.rounds.findIndex((r) => r.id === input.roundId);
  if (index < 0) return reject('ROUND_NOT_FOUND', 'unknown round');
  if (!Number.isInteger(input.position) || input.position < 0 || input.position >= state.rounds.length) {
    return reject('POSITION_OUT_OF_RANGE', `the agenda has ${state.rounds.length} rounds`);
  }
  if (index === input.position) return accept([], {});
  return accept([{ type: 'round:moved', roundId: input.roundId, position: input.position }], {});
}

/**
 * DE5: any round is copied as a draft right after it: question, options, settings and compareKey,
 * none of its input or results, and it re-runs nothing (that is round:rerun, RO8).
 */
export function duplicateRound(
  state: SessionState,
  input: { roundId: string; newRoundId: string },
): Decision<{ roundId: string }> {
  const index = state.rounds.findIndex((r) => r.id === input.roundId);
  const round = state.rounds[index];
  if (!round) return reject('ROUND_NOT_FOUND', 'unknown round');
  return accept([copiedRound(round, index, input.newRoundId, null)], { roundId: input.newRoundId });
}

/**
 * A draft copy of `round` right after it (at `index + 1`): its design and compareKey (DE7), none of its
 * input or results. A duplicate (DE5) re-runs nothing; a re-run (RO8) names what it re-runs.
 */
export function copiedRound(round: Round, index: number, newRoundId: string, rerunOf: string | null): DomainEvent {
  return {
    type: 'round:created',
    roundId: newRoundId,
    question: round.question,
    options: round.options.map((o) => ({ ...o })),
    config: round.config,
    reveal: round.reveal,
    durationSeconds: round.durationSeconds,
    compareKey: round.compareKey,
    ...plainField(round.plain),
    rerunOf,
    position: index + 1,
  };
}

/** DE6: only a draft round is deleted (it holds no input); an open or closed one is `ROUND_STATE`. */
export function deleteRound(state: SessionState, input: { roundId: string }): Decision<Done> {
  const round = findRound(state, input.roundId);
  if (!round) return reject('ROUND_NOT_FOUND', 'unknown round');
  if (round.status !== 'draft') return reject('ROUND_STATE', `a ${round.status} round cannot be deleted`);
  return accept([{ type: 'round:deleted', roundId: round.id }], {});
}
