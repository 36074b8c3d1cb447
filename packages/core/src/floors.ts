import { FLOORED_SETTINGS, FLOORS, type FlooredSetting } from '@vrijuit/protocol';
import type { DomainError } from './result.ts';
import type { SessionState } from './state.ts';

/**
 * The floors of the anonymity protections (AN20-AN22). The protocol's schemas hold them at the door;
 * core holds them again, because a session also starts from a design (a template) and from code that
 * never passed a schema.
 */

const WHAT: Record<FlooredSetting, string> = {
  anonymityThreshold: 'the anonymity threshold',
  releaseMinEntries: 'the pain-point batch size',
  releaseEverySeconds: 'the release interval (seconds)',
};

/** AN20, AN21: `BELOW_FLOOR` for the first floored setting given below its floor; null when none is. */
export function belowFloor(settings: Partial<Record<FlooredSetting, number>>): DomainError | null {
  for (const key of FLOORED_SETTINGS) {
    const value = settings[key];
    if (value !== undefined && !(value >= FLOORS[key])) {
      return { code: 'BELOW_FLOOR', message: `${WHAT[key]} is at least ${FLOORS[key]} (got ${value})` };
    }
  }
  return null;
}

/**
 * AN22: once someone has joined, the floored settings only go up: `PROTECTION_LOWERED` for the first one
 * given below its current value. Before the first join they move freely between floor and maximum.
 */
export function lowered(state: SessionState, settings: Partial<Record<FlooredSetting, number>>): DomainError | null {
  if (state.participants.count === 0) return null;
  for (const key of FLOORED_SETTINGS) {
    const value = settings[key];
    if (value !== undefined && value < state.settings[key]) {
      return {
        code: 'PROTECTION_LOWERED',
        message: `people have joined: ${WHAT[key]} can only go up from ${state.settings[key]} (got ${value})`,
      };
    }
  }
  return null;
}
