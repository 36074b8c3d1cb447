import type { IncomingMessage } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';
import proxyaddr from 'proxy-addr';

/**
 * `TRUST_PROXY`: no proxy (false), the number of proxy hops in front, or the addresses and subnets of
 * the proxies (names as express's `trust proxy`: `loopback`, `linklocal`, `uniquelocal`).
 */
export type TrustProxy = false | number | readonly string[];

/** Parses `TRUST_PROXY`; throws a readable error for an address or subnet proxy-addr cannot read. */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim();
  if (text === '' || text === '0' || text === 'false') return false;
  if (/^\d+$/.test(text)) return Number(text);
  if (text === 'true') throw new Error('trusting every hop lets any client pick its address; name the proxies');
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  try {
    proxyaddr.compile(list);
  } catch (error) {
    throw new Error(`not an address, subnet or name: ${(error as Error).message}`);
  }
  return Object.freeze(list);
}

/** Whether the hop at `address`, `hop` steps from this server, is a proxy whose headers count. */
export type TrustRule = (address: string, hop: number) => boolean;

export function trustRule(setting: TrustProxy): TrustRule {
  if (setting === false) return () => false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return proxyaddr.compile([...setting]);
}

/**
 * The one rule for a client's address, for HTTP requests (express's `trust proxy` gets the same function,
 * so `req.ip` and `req.secure` follow it) and socket.io handshakes (which express never sees): the
 * socket's peer, or, when that peer is a trusted proxy, the nearest untrusted address in
 * `X-Forwarded-For`. Without TRUST_PROXY the header is ignored, so a client cannot pick its address.
 */
export function clientAddressOf(rule: TrustRule): (req: IncomingMessage) => string {
  return (req) => (req.socket.remoteAddress === undefined ? '' : proxyaddr(req, rule));
}

const loopback = proxyaddr.compile(['loopback']);

/**
 * Whether a request's client is this machine itself: a loopback address, or one of this machine's own
 * addresses (the venue laptop opening its console through its network address). Its traffic never
 * crosses the network, so plain http there shows nothing to others on the Wi-Fi.
 */
export function isThisMachine(client: string, localAddress: string | undefined): boolean {
  if (client === '') return false;
  return loopback(client, 0) || unmapped(client) === unmapped(localAddress ?? '');
}

/** `::ffff:10.0.0.5` and `10.0.0.5` are one address (a dual-stack socket reports the first). */
const unmapped = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

/**
 * The key a client's limits are counted under: an IPv4 address as it is, an IPv6 address by its /64
 * (one household or phone network holds a whole /64, so counting single IPv6 addresses would give a
 * script 2^64 fresh budgets).
 */
export function limitKey(address: string): string {
  const v4 = unmapped(address);
  if (isIPv4(v4)) return v4;
  if (!isIPv6(address)) return address;
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
