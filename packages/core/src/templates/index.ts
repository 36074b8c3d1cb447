import { SessionDesign } from '@vrijuit/protocol';
import { kempenDesign } from './kempen.ts';

/** A design to start a session from, offered on the new-session page. */
export interface Template {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly design: SessionDesign;
}

/** TM1: every built-in template parses as a SessionDesign (so its defaults are filled in here, once). */
export const builtInTemplates: readonly Template[] = [
  {
    id: 'kempen-welzijn',
    name: 'Toekomstvisie Welzijnszorg Kempen',
    description: 'Vijf zones, 27 gemeenten: pijnpunten, themastemming, uitgangspunten, standpunttekst, slotpeiling.',
    design: SessionDesign.parse(kempenDesign),
  },
];
