import type {
  ExportComparison,
  ExportGroup,
  ExportMeasure,
  ExportVoteResults,
  GroupResult,
  RoundConfig,
  RoundResults,
  VoteOption,
  Zone,
} from '@vrijuit/protocol';
import { withoutMunicipalityId } from '../results/breakdown.ts';

/** The agreement presets' level labels, in the export's language (given by the caller: core has no strings). */
export type AgreementLevelLabels = Readonly<Record<'gradients' | 'fist-of-five', readonly string[]>>;

/** The few words the model itself holds, in the export's language. */
export interface ExportWords {
  readonly agreementLevels: AgreementLevelLabels;
  /** The group of a zone's members who named no municipality, `{zone}` for the zone's name. */
  readonly withoutMunicipality: string;
}

const MEASURES: Readonly<Record<string, ExportMeasure>> = {
  'single-choice': 'votes',
  'multiple-choice': 'votes',
  'dot-voting': 'dots',
  ranking: 'borda',
  scale: 'mean-level',
  agreement: 'mean-level',
};

function groups(results: readonly GroupResult[], names: ReadonlyMap<string, string>): ExportGroup[] {
  // names holds zones, municipalities and each zone's group of members without a municipality.
  return results.map((g) => ({
    id: g.id,
    name: names.get(g.id) ?? g.id,
    suppressed: g.suppressed,
    respondents: g.suppressed ? null : g.respondents,
    values: g.suppressed ? null : { ...g.result.values },
  }));
}

/** Shares to four decimals (a tenth of a percent is the finest any format shows). */
const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/** The share of each option: of the respondents for a choice, of all dots for a dot vote, none otherwise. */
function shareOf(config: RoundConfig, value: number, results: RoundResults): number | null {
  if (config.kind === 'single-choice' || config.kind === 'multiple-choice') {
    return results.respondents > 0 ? round4(Math.min(1, value / results.respondents)) : null;
  }
  if (config.kind === 'dot-voting') {
    const total = Object.values(results.perPerson.values).reduce((a, b) => a + b, 0);
    return total > 0 ? round4(value / total) : null;
  }
  return null;
}

/** A vote round's results as every export format shows them (see ExportVoteResults). */
export function exportVoteResults(
  config: RoundConfig,
  options: readonly VoteOption[],
  results: RoundResults,
  zones: readonly Zone[],
  labels: ExportWords,
): ExportVoteResults {
  const { agreementLevels: levels } = labels;
  const mean = config.kind === 'scale' || config.kind === 'agreement';
  const zoneNames = new Map(zones.map((z) => [z.id, z.name]));
  const municipalityNames = new Map(
    zones.flatMap((z) => [
      ...z.municipalities.map((m) => [m.id, m.name] as const),
      [withoutMunicipalityId(z.id), labels.withoutMunicipality.replace('{zone}', z.name)] as const,
    ]),
  );
  const perMunicipality = results.perMunicipality;
  return {
    respondents: results.respondents,
    paper: results.paper ?? 0,
    measure: MEASURES[config.kind] ?? 'votes',
    levels:
      config.kind === 'scale' ? [...config.labels] : config.kind === 'agreement' ? [...levels[config.preset]] : null,
    options: options.map((o) => {
      const raw = results.perPerson.values[o.id];
      const value = raw ?? (mean ? null : 0);
      const row = results.perPerson.matrix?.[o.id];
      return {
        id: o.id,
        label: o.label,
        value,
        share: value === null ? null : shareOf(config, value, results),
        counts: row ? [...row] : null,
      };
    }),
    perMunicipality: perMunicipality
      ? perMunicipality.withheld
        ? { withheld: true, voices: null, values: null }
        : { withheld: false, voices: perMunicipality.voices, values: { ...perMunicipality.result.values } }
      : null,
    zones: groups(results.breakdown?.zones ?? [], zoneNames),
    municipalities: groups(results.breakdown?.municipalities ?? [], municipalityNames),
  };
}

/** A re-run beside the round it re-runs, per option of the re-run (matched by option id). */
export function exportComparison(
  earlierNumber: number,
  before: ExportVoteResults,
  after: ExportVoteResults,
): ExportComparison {
  const earlier = new Map(before.options.map((o) => [o.id, o.value]));
  return {
    round: earlierNumber,
    respondentsBefore: before.respondents,
    respondentsAfter: after.respondents,
    rows: after.options.map((o) => ({ id: o.id, label: o.label, before: earlier.get(o.id) ?? null, after: o.value })),
  };
}
