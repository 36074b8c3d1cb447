/**
 * What a phone needs to send inputs (votes, pain points, "ik ook") and show its own: the outbox and the
 * phone's own pain points. Loaded when the first round comes, or at once when a reloaded phone still has
 * inputs to send, not while it waits for the first round (P6, ~2 KB gz).
 */
export { OutboxQueue } from './outbox-queue.svelte.ts';
export { isUnsettled } from './outbox.ts';
export {
  addOwnPoint,
  dropOwnPoint,
  isPainPointText,
  ownEntries,
  ownPointsKey,
  parseOwnPoints,
  supportedIds,
} from '../wall/own-points.ts';
