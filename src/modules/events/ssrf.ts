import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where webhooks may go. A URL is checked at registration (scheme, literal addresses,
 * `localhost`) and again at every delivery after DNS resolution, so a name that later
 * resolves to an internal address (DNS rebinding) is refused too; the request then goes
 * to the very address that was checked (pinned), not to a second lookup's answer.
 */
export interface UrlPolicy {
  /** WEBHOOKS_ALLOW_LOOPBACK=1: loopback targets (and plain http to them) for development and tests. */
  allowLoopback: boolean;
}

export class UrlNotAllowed extends Error {
  override name = 'UrlNotAllowed';
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** Private, link-local (cloud metadata 169.254.169.254 among them), shared, reserved and multicast ranges. */
const internal = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  internal.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['fc00::', 7], // unique local (fd00:ec2::254, the AWS metadata address over IPv6, among them)
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['64:ff9b::', 96], // NAT64: would reach an IPv4 address behind it
] as const) {
  internal.addSubnet(net, bits, 'ipv6');
}

/** An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address. */
function unmapped(address: string): { address: string; family: 4 | 6 } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: 4 };
  return { address, family: isIP(address) === 6 ? 6 : 4 };
}

export function isLoopback(address: string): boolean {
  const a = unmapped(address);
  return loopback.check(a.address, a.family === 4 ? 'ipv4' : 'ipv6');
}

/** Why this address may not be a webhook target, or undefined when it may. */
export function addressRefusal(address: string, policy: UrlPolicy): string | undefined {
  const a = unmapped(address);
  const type = a.family === 4 ? 'ipv4' : 'ipv6';
  if (loopback.check(a.address, type)) return policy.allowLoopback ? undefined : `${address} is a loopback address`;
  if (internal.check(a.address, type)) return `${address} is a private, link-local or reserved address`;
  return undefined;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');
const isLocalhostName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/** The checks that need no DNS: scheme and literal hosts. Throws UrlNotAllowed. */
export function checkUrlShape(raw: string, policy: UrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UrlNotAllowed('not a URL');
  }
  if (url.username || url.password) throw new UrlNotAllowed('credentials in the URL are not allowed');
  const host = hostOf(url);
  const literal = isIP(host) ? host : isLocalhostName(host) ? '127.0.0.1' : undefined;
  if (literal) {
    const refusal = addressRefusal(literal, policy);
    if (refusal) throw new UrlNotAllowed(refusal);
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && policy.allowLoopback && literal && isLoopback(literal)) return url;
  throw new UrlNotAllowed(policy.allowLoopback ? 'only https, or http to a loopback address' : 'only https URLs are allowed');
}

export interface ResolvedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/**
 * Resolves the URL's host and checks every address it has (a name with one internal
 * address among public ones is refused: which one a client picks is not ours to
 * choose). Answers the address to connect to.
 */
export async function resolveTarget(raw: string, policy: UrlPolicy, resolve: typeof lookup = lookup): Promise<ResolvedTarget> {
  const url = checkUrlShape(raw, policy);
  const host = hostOf(url);
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await resolve(host, { all: true, verbatim: true }).catch((error: NodeJS.ErrnoException) => {
        throw new UrlNotAllowed(`${host} does not resolve (${error.code ?? error.message})`);
      });
  if (addresses.length === 0) throw new UrlNotAllowed(`${host} does not resolve`);
  for (const a of addresses) {
    const refusal = addressRefusal(a.address, policy);
    if (refusal) throw new UrlNotAllowed(`${host} resolves to ${refusal}`);
  }
  const chosen = addresses[0]!;
  if (url.protocol === 'http:' && !isLoopback(chosen.address)) throw new UrlNotAllowed('plain http is only allowed to loopback addresses');
  return { url, address: chosen.address, family: chosen.family === 6 ? 6 : 4 };
}
