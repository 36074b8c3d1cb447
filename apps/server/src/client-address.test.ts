import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddressOf, isThisMachine, limitKey, parseTrustProxy, trustRule } from './client-address.ts';
import { configFromEnv } from './config.ts';

const request = (remoteAddress: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('NE1 the client address', () => {
  it('NE1 TRUST_PROXY takes a hop count or addresses and subnets; `true` and nonsense are refused', () => {
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('loopback, 10.0.0.0/8')).toEqual(['loopback', '10.0.0.0/8']);
    expect(() => parseTrustProxy('true')).toThrow(/name the proxies/);
    expect(() => parseTrustProxy('10.0.0.0/99')).toThrow(/not an address/);
    expect(() => configFromEnv({ TRUST_PROXY: 'nonsense' })).toThrow(/TRUST_PROXY/);
    expect(configFromEnv({ TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback']);
  });

  it('NE1 only a trusted hop’s X-Forwarded-For counts: none, a hop count, a subnet', () => {
    const none = clientAddressOf(trustRule(false));
    expect(none(request('10.0.0.2', '198.51.100.7'))).toBe('10.0.0.2');
    const oneHop = clientAddressOf(trustRule(1));
    // The client may write anything to the left; one proxy appends what it saw.
    expect(oneHop(request('10.0.0.2', '6.6.6.6, 198.51.100.7'))).toBe('198.51.100.7');
    const subnet = clientAddressOf(trustRule(['10.0.0.0/8']));
    expect(subnet(request('10.0.0.2', '198.51.100.7'))).toBe('198.51.100.7');
    expect(subnet(request('192.0.2.1', '198.51.100.7'))).toBe('192.0.2.1');
  });

  it('NE4 this machine: loopback or its own address; NE5 NE6 limits count IPv6 by its /64', () => {
    expect(isThisMachine('127.0.0.1', '127.0.0.1')).toBe(true);
    expect(isThisMachine('::ffff:127.0.0.1', '::ffff:127.0.0.1')).toBe(true);
    expect(isThisMachine('::1', '::1')).toBe(true);
    expect(isThisMachine('192.168.1.5', '192.168.1.5')).toBe(true);
    expect(isThisMachine('::ffff:192.168.1.5', '192.168.1.5')).toBe(true);
    expect(isThisMachine('192.168.1.9', '192.168.1.5')).toBe(false);
    expect(isThisMachine('', '192.168.1.5')).toBe(false);
    expect(limitKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(limitKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(limitKey('2001:db8:1:2::7')).toBe('2001:db8:1:2::/64');
    expect(limitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
  });

  it('NE2 TLS_CERT and TLS_KEY come together', () => {
    expect(() => configFromEnv({ TLS_CERT: 'cert.pem' })).toThrow(/both TLS_CERT and TLS_KEY/);
    expect(configFromEnv({}).tls).toBeNull();
    expect(configFromEnv({ ALLOW_INSECURE_HTTP: '1' }).allowInsecureHttp).toBe(true);
  });
});
