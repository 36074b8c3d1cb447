import type { nl } from './nl.ts';
import type { nlDesign } from './nl-design.ts';
import type { nlDoorConsole } from './nl-door.ts';
import type { nlFacilitator } from './nl-facilitator.ts';
import type { nlLifecycleConsole } from './nl-lifecycle.ts';
import type { nlPaper } from './nl-paper.ts';
import type { nlAccounts } from './nl-accounts.ts';
import type { nlTemplates } from './nl-templates.ts';
import type { nlExport } from './nl-export.ts';
import type { nlRound } from './nl-round.ts';
import type { nlSteering } from './nl-steering.ts';
import type { nlText } from './nl-text.ts';
import type { nlWall } from './nl-wall.ts';
import type { nlCockpit } from './nl-cockpit.ts';

/** The shape of a catalogue: nl's keys, any strings. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof nl>;
export type RoundMessages = Widen<typeof nlRound>;
export type WallMessages = Widen<typeof nlWall>;
export type TextMessages = Widen<typeof nlText>;
export type PaperMessages = Widen<typeof nlPaper>;
export type FacilitatorMessages = Widen<typeof nlFacilitator>;
export type SteeringMessages = Widen<typeof nlSteering>;
export type DesignMessages = Widen<typeof nlDesign>;
export type AccountMessages = Widen<typeof nlAccounts>;

/** A catalogue still being translated: missing keys fall back to Dutch, unknown keys do not compile. */
type DeepPartial<T> = { [K in keyof T]?: T[K] extends string ? string : DeepPartial<T[K]> };
export type PartialMessages = DeepPartial<Messages>;
export type PartialRoundMessages = DeepPartial<RoundMessages>;
export type PartialWallMessages = DeepPartial<WallMessages>;
export type PartialTextMessages = DeepPartial<TextMessages>;
export type PartialFacilitatorMessages = DeepPartial<FacilitatorMessages>;
export type PartialCockpitMessages = DeepPartial<Widen<typeof nlCockpit>>;

/** Every key as a dotted path: 'phone.join', 'errors.RATE_LIMITED', ... */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Keys of the catalogue every page loads. */
export type MessageKey = Leaves<Messages>;
/** Keys of a round's screens (ballots, charts): those and the round's own. */
export type RoundKey =
  MessageKey | Leaves<RoundMessages> | Leaves<WallMessages> | Leaves<TextMessages> | Leaves<PaperMessages>;
/** Keys the facilitator's pages may use: all of them. */
export type FacilitatorKey =
  | RoundKey
  | Leaves<FacilitatorMessages>
  | Leaves<SteeringMessages>
  | Leaves<DesignMessages>
  | Leaves<typeof nlLifecycleConsole>
  | Leaves<AccountMessages>
  | Leaves<typeof nlTemplates>
  | Leaves<typeof nlExport>
  | Leaves<typeof nlDoorConsole>
  | Leaves<typeof nlCockpit>;

/** A `{ one, other }` pair named without its suffix: 'ballot.dotsLeft'. */
type PluralOf<K> = K extends `${infer Base}.one` ? Base : never;
export type PluralKey = PluralOf<MessageKey>;
export type RoundPluralKey = PluralOf<RoundKey>;
export type FacilitatorPluralKey = PluralOf<FacilitatorKey>;

export type Params = Record<string, string | number>;
