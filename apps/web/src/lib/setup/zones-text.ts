import type { ZoneInput } from '@vrijuit/protocol';
import { LIMITS } from '@vrijuit/protocol/constants';

/**
 * The zones box of /new: one zone per line, `Zone: gemeente, gemeente (12000), …`. A line without a
 * colon is a zone without municipalities. A weight in brackets (inhabitants, say) may use spaces or
 * dots between thousands. Pure, so the rules are tested and the page only shows the problem.
 */
export type ZonesProblem =
  | { code: 'no-zones' }
  | { code: 'too-many-zones'; max: number }
  | { code: 'zone-too-long'; zone: string; max: number }
  | { code: 'duplicate-zone'; zone: string }
  | { code: 'too-many-municipalities'; zone: string; max: number }
  | { code: 'municipality-too-long'; municipality: string; max: number }
  | { code: 'duplicate-municipality'; municipality: string }
  | { code: 'bad-weight'; municipality: string }
  | { code: 'missing-weight'; municipality: string };

export interface ParsedZones {
  zones: ZoneInput[];
  problem: ZonesProblem | null;
}

interface Municipality {
  name: string;
  weight?: number;
}

/** "Geel (40 000)" -> { name: 'Geel', weight: 40000 }; a bracket that is not a number is a problem. */
function parseMunicipality(raw: string): Municipality | { bad: string } {
  const match = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(raw);
  if (!match) return { name: raw };
  const name = match[1]!.trim();
  const digits = match[2]!.replace(/[\s.\u00a0\u202f']/g, '').replace(',', '.');
  const weight = Number(digits);
  if (!name || !/^\d+(\.\d+)?$/.test(digits) || !(weight > 0) || weight > 1e9) return { bad: raw };
  return { name, weight };
}

const key = (name: string) => name.toLocaleLowerCase('nl-BE');

export function parseZonesText(text: string, weighted: boolean): ParsedZones {
  const zones: ZoneInput[] = [];
  const fail = (problem: ZonesProblem): ParsedZones => ({ zones, problem });
  const zoneNames = new Set<string>();
  const municipalityNames = new Set<string>();
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length === 0) return fail({ code: 'no-zones' });
  if (lines.length > LIMITS.zones) return fail({ code: 'too-many-zones', max: LIMITS.zones });
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = (colon < 0 ? line : line.slice(0, colon)).trim();
    if (name.length > LIMITS.zoneName) return fail({ code: 'zone-too-long', zone: name, max: LIMITS.zoneName });
    if (!name || zoneNames.has(key(name))) return fail({ code: 'duplicate-zone', zone: name });
    zoneNames.add(key(name));
    const parts = colon < 0 ? [] : line.slice(colon + 1).split(/[,;]/);
    const municipalities: Municipality[] = [];
    for (const part of parts.map((p) => p.trim()).filter(Boolean)) {
      const parsed = parseMunicipality(part);
      if ('bad' in parsed) return fail({ code: 'bad-weight', municipality: parsed.bad });
      if (parsed.name.length > LIMITS.zoneName) {
        return fail({ code: 'municipality-too-long', municipality: parsed.name, max: LIMITS.zoneName });
      }
      // Unique over the session: a name in two zones is almost always a typing slip.
      if (municipalityNames.has(key(parsed.name))) {
        return fail({ code: 'duplicate-municipality', municipality: parsed.name });
      }
      if (weighted && parsed.weight === undefined) return fail({ code: 'missing-weight', municipality: parsed.name });
      municipalityNames.add(key(parsed.name));
      municipalities.push(parsed);
    }
    if (municipalities.length > LIMITS.municipalities) {
      return fail({ code: 'too-many-municipalities', zone: name, max: LIMITS.municipalities });
    }
    // Without the weighted tally a weight would be stored but never used: leave it out.
    zones.push(
      municipalities.length === 0
        ? name
        : { name, municipalities: weighted ? municipalities : municipalities.map((m) => ({ name: m.name })) },
    );
  }
  return { zones, problem: null };
}
