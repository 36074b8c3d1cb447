import { FIXTURE_IDS } from '@vrijuit/core/export-fixture';

/*
 * For tests only (A1): what an export of the fixture session must never contain. The fixture gives
 * every secret a distinctive name ending in `SECRET` (participant ids and names, token hashes, voter
 * keys and secrets, the owner's account), and lists the ids a screen never shows in FIXTURE_IDS
 * (session, join code, rounds, pain points). Exports also carry no time finer than the session's day.
 */

const SECRET = /[\w.:-]*SECRET/g;
/** A time of day; midnight (`T00:00`, `T00:00:00.000`) is the day itself, as DOCX and PDF metadata carry it. */
const ISO_TIME = /\d{4}-\d\d-\d\dT(?!00:00(?::00(?:\.0+)?)?(?![\d:.]))\d\d:\d\d/g;
/** Epoch milliseconds from 2001 to 2286: thirteen digits on their own, as a log or a timestamp would hold them. */
const EPOCH_MS = /(?<![\d.,])[1-9]\d{12}(?![\d.,])/g;

const FIXED = [FIXTURE_IDS.session, FIXTURE_IDS.joinCode, ...FIXTURE_IDS.rounds, ...FIXTURE_IDS.points];

/** Every fixture secret, hidden id or fine-grained timestamp found in `text` (empty when it is clean). */
export function leaksIn(text: string): string[] {
  const found = [
    ...(text.match(SECRET) ?? []),
    ...FIXED.filter((id) => text.includes(id)),
    ...(text.match(ISO_TIME) ?? []),
    ...(text.match(EPOCH_MS) ?? []),
  ];
  return [...new Set(found)];
}
