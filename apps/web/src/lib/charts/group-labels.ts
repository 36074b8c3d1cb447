import type { Zone } from '@vrijuit/protocol';

/**
 * Names for the groups of a breakdown. Zone groups carry the zone id; municipality groups the
 * municipality id, or `<zoneId>:?` for the members of a zone who did not say their municipality
 * (core/results/breakdown.ts).
 */
export type GroupName =
  | { type: 'zone'; zone: string }
  | { type: 'municipality'; zone: string; municipality: string }
  | { type: 'unnamed'; zone: string }
  | { type: 'unknown'; id: string };

const UNNAMED_SUFFIX = ':?';

export function groupName(zones: readonly Zone[], id: string): GroupName {
  const zone = zones.find((z) => z.id === id);
  if (zone) return { type: 'zone', zone: zone.name };
  if (id.endsWith(UNNAMED_SUFFIX)) {
    const of = zones.find((z) => z.id === id.slice(0, -UNNAMED_SUFFIX.length));
    if (of) return { type: 'unnamed', zone: of.name };
  }
  for (const z of zones) {
    const m = z.municipalities.find((m) => m.id === id);
    if (m) return { type: 'municipality', zone: z.name, municipality: m.name };
  }
  return { type: 'unknown', id };
}

/** Whether any zone of the session has municipalities (then phones ask for one, results show per municipality). */
export const hasMunicipalities = (zones: readonly Zone[]): boolean => zones.some((z) => z.municipalities.length > 0);
