import type { Ballot } from '@vrijuit/protocol';
import { painRound } from './decide-pain-points.ts';
import { accept, reject, type Decision } from './result.ts';
import { validateBallot } from './results/index.ts';
import type { Round, SessionState } from './state.ts';
import { tableGet } from './table.ts';

/**
 * Paper input (core SPEC PA1-PA6): forms of people without a phone, typed in by the facilitator. They
 * count like any input; what marks them is a count in the aggregates, never an entry on a screen.
 * Ids and keys come from the caller (the server makes a fresh random key per paper ballot).
 */

/** PA1, PA3: the facilitator may type paper forms into an open round, locked for phones or not. */
function openForPaper(round: Round | undefined): Decision<never> | null {
  if (!round) return reject('ROUND_NOT_FOUND', 'unknown round');
  if (round.status !== 'open') return reject('ROUND_NOT_OPEN', 'the round is not open');
  return null;
}

/**
 * PA1: one paper ballot of one person, in the zone (and municipality) written on the form. Checked like
 * a phone's ballot (VO3, TA1-TA8). Its key is fresh and handed to nobody, so each paper ballot is one new
 * respondent that cannot be changed afterwards; it goes with the others when the round closes (AN1).
 */
export function castPaperVote(
  state: SessionState,
  input: { roundId: string; voterKey: string; zoneId: string; municipalityId: string | null; ballot: Ballot },
): Decision<{ roundId: string }> {
  const round = state.rounds.find((r) => r.id === input.roundId);
  const closed = openForPaper(round);
  if (closed || !round) return closed ?? reject('ROUND_NOT_FOUND', 'unknown round');
  // WC4: a word cloud's words are made by the server from answers; a form's words are not typed in.
  if (round.config.kind === 'word-cloud') return reject('ROUND_KIND', 'a word cloud takes no paper ballots');
  const zone = state.zones.find((z) => z.id === input.zoneId);
  if (!zone) return reject('ZONE_NOT_FOUND', 'unknown zone');
  if (input.municipalityId !== null && !zone.municipalities.some((m) => m.id === input.municipalityId)) {
    return reject('MUNICIPALITY_NOT_FOUND', 'the municipality is not in this zone');
  }
  const invalid = validateBallot(round.config, round.options, input.ballot);
  if (invalid) return { ok: false, error: invalid };
  // A key already in use would replace someone's ballot; the caller's random keys never meet one.
  if (tableGet(round.ballots, input.voterKey)) return reject('INTERNAL', 'voter key already in use');
  return accept(
    [
      {
        type: 'vote:cast',
        roundId: round.id,
        voterKey: input.voterKey,
        zoneId: zone.id,
        municipalityId: input.municipalityId,
        ballot: input.ballot,
        paper: true,
      },
    ],
    { roundId: round.id },
  );
}

/**
 * PA3: a pain point from paper. It waits in the inbox with the phones' entries and goes out in the same
 * shuffled batch (AN8); it counts against no participant's limit. Only the round's paper count knows it
 * came from paper (PA4).
 */
export function submitPaperPainPoint(
  state: SessionState,
  input: { roundId: string; pointId: string; text: string; themeId: string | null },
): Decision<{ roundId: string }> {
  const found = painRound(state, input.roundId);
  if (!found.ok) return found.decision;
  const { round } = found;
  const closed = openForPaper(round);
  if (closed) return closed;
  if (input.themeId !== null && !round.options.some((o) => o.id === input.themeId)) {
    return reject('THEME_NOT_FOUND', 'the theme is not one of this round');
  }
  return accept(
    [
      {
        type: 'painpoint:submitted',
        roundId: round.id,
        pointId: input.pointId,
        text: input.text,
        themeId: input.themeId,
        voterKey: '',
        paper: true,
      },
    ],
    { roundId: round.id },
  );
}
