import { describe, expect, it } from 'vitest';
import { groupName, hasMunicipalities } from './group-labels.ts';

const zones = [
  { id: 'z1', name: 'Neteland', municipalities: [{ id: 'z1m1', name: 'Olen', weight: 1 }] },
  { id: 'z2', name: 'RIT', municipalities: [] },
];

describe('group labels', () => {
  it('names zones, municipalities and the members who did not say', () => {
    expect(groupName(zones, 'z2')).toEqual({ type: 'zone', zone: 'RIT' });
    expect(groupName(zones, 'z1m1')).toEqual({ type: 'municipality', zone: 'Neteland', municipality: 'Olen' });
    expect(groupName(zones, 'z1:?')).toEqual({ type: 'unnamed', zone: 'Neteland' });
    expect(groupName(zones, 'z9')).toEqual({ type: 'unknown', id: 'z9' });
    expect(hasMunicipalities(zones)).toBe(true);
    expect(hasMunicipalities([zones[1]!])).toBe(false);
  });
});
