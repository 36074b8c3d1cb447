import type { Zone, ZoneDesign } from '@vrijuit/protocol';

/**
 * Zones as the text box of /new and the settings panel shows them, one per line:
 * `Zone: Gemeente, Gemeente` (with `Gemeente (weight)` when weighted), parsed back by setup/zones-text.ts.
 */
export function zonesToText(zones: readonly (Zone | ZoneDesign)[], weighted: boolean): string {
  return zones
    .map((z) =>
      z.municipalities.length === 0
        ? z.name
        : `${z.name}: ${z.municipalities.map((m) => (weighted ? `${m.name} (${m.weight})` : m.name)).join(', ')}`,
    )
    .join('\n');
}
