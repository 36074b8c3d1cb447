import { describe, expect, it } from 'vitest';
import { ackFrame, eventFrame, readEngineOpen, readSocketPacket } from './socketio-packets.ts';

describe('PH7 the websocket wire’s socket.io packets', () => {
  it('PH7 writes an event with and without an ack id, and an ack, as socket.io-parser does', () => {
    expect(eventFrame(['participant:join', { code: 'ABC234' }], 12)).toBe('4212["participant:join",{"code":"ABC234"}]');
    expect(eventFrame(['ping', null], null)).toBe('42["ping",null]');
    expect(ackFrame(3, [])).toBe('433[]');
  });

  it('PH7 reads connect, events (with an ack id), acks and errors; skips other namespaces and broken JSON', () => {
    expect(readSocketPacket('0{"sid":"x"}')).toEqual({ type: 'connect' });
    expect(readSocketPacket('1')).toEqual({ type: 'disconnect' });
    expect(readSocketPacket('4{"message":"no"}')).toEqual({ type: 'connect-error' });
    expect(readSocketPacket('2["participant:view",{"a":1}]')).toEqual({
      type: 'event',
      id: null,
      args: ['participant:view', { a: 1 }],
    });
    expect(readSocketPacket('27["server:stopping",{}]')).toEqual({
      type: 'event',
      id: 7,
      args: ['server:stopping', {}],
    });
    expect(readSocketPacket('345[{"ok":true,"value":1}]')).toEqual({
      type: 'ack',
      id: 45,
      args: [{ ok: true, value: 1 }],
    });
    expect(readSocketPacket('2/admin,["x"]')).toBeNull();
    expect(readSocketPacket('2["x"')).toBeNull();
    expect(readSocketPacket('3[1]')).toBeNull();
    expect(readSocketPacket('2[1]')).toBeNull();
    expect(readSocketPacket('51-["x",{"_placeholder":true,"num":0}]')).toBeNull();
  });

  it('PH7 reads the ping timing from engine.io’s open packet', () => {
    expect(
      readEngineOpen('{"sid":"a","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":65536}'),
    ).toEqual({
      pingInterval: 25000,
      pingTimeout: 20000,
    });
    expect(readEngineOpen('{"sid":"a"}')).toBeNull();
    expect(readEngineOpen('nope')).toBeNull();
  });
});
