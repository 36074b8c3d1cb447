import { describe, expect, it } from 'vitest';
import { RemoteConnections } from './remote-connections.ts';

describe('CL5 CL8 the owner’s count of connections on other processes', () => {
  it('CL5 a connection counts once, in its latest session; a session that moves drops only its own', () => {
    const remote = new RemoteConnections();
    remote.add('x', { sessionId: 's1', zoneId: 'z1', process: 'B' });
    expect(remote.add('x', { sessionId: 's2', zoneId: 'z2', process: 'B' })).toEqual({
      sessionId: 's1',
      zoneId: 'z1',
      process: 'B',
    });
    remote.add('y', { sessionId: 's1', zoneId: null, process: 'C' });
    expect([remote.count('s1'), remote.count('s2')]).toEqual([1, 1]);
    expect(remote.forgetSession('s1')).toEqual([{ sessionId: 's1', zoneId: null, process: 'C' }]);
    expect([remote.count('s1'), remote.count('s2')]).toEqual([0, 1]);
    expect(remote.processes()).toEqual(['B']);
  });

  it('CL8 a process that stopped takes its connections in every session with it, and only those', () => {
    const remote = new RemoteConnections();
    remote.add('b1', { sessionId: 's1', zoneId: 'z1', process: 'B' });
    remote.add('b2', { sessionId: 's2', zoneId: 'z1', process: 'B' });
    remote.add('c1', { sessionId: 's1', zoneId: 'z2', process: 'C' });
    expect(remote.forgetProcess('B').map((c) => c.sessionId)).toEqual(['s1', 's2']);
    expect([remote.count('s1'), remote.count('s2')]).toEqual([1, 0]);
    expect(remote.processes()).toEqual(['C']);
    expect(remote.remove('b1')).toBeNull();
    expect(remote.forgetProcess('B')).toEqual([]);
  });
});
