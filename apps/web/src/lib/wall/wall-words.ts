import { m } from '$lib/paraglide/messages.js';

/**
 * The phone's words for writing to a wall, per kind of wall (QA1): a pain-point round and a question
 * round share the form and the list of this phone's entries, each in its own words.
 */
export const painWords = {
  textLabel: m['wall.phone.textLabel'],
  textHint: m['wall.phone.textHint'],
  send: m['wall.phone.send'],
  added: m['wall.phone.added'],
  empty: m['wall.phone.empty'],
  limitReached: m['wall.phone.limitReached'],
  limitReachedWall: m['wall.phone.limitReachedWall'],
  ownHeading: m['wall.own.heading'],
  ownHint: m['wall.own.hint'],
  received: m['wall.own.received'],
};

export type WallWords = typeof painWords;

export const questionWords: WallWords = {
  textLabel: m['questions.phone.textLabel'],
  textHint: m['questions.phone.textHint'],
  send: m['questions.phone.send'],
  added: m['questions.phone.added'],
  empty: m['questions.phone.empty'],
  limitReached: m['questions.phone.limitReached'],
  limitReachedWall: m['questions.phone.limitReachedWall'],
  ownHeading: m['questions.own.heading'],
  ownHint: m['questions.own.hint'],
  received: m['questions.own.received'],
};
