// Which addresses the bot may fetch from. The bot must not be a probe into its own network, so
// anything that is not a public unicast address is refused (unless a test setting allows it).
import { isIP } from 'node:net';

interface Range { base: bigint; bits: number; size: 32 | 128; why: string }

function v4(cidr: string, why: string): Range {
  const [addr, bits] = cidr.split('/');
  return { base: parseV4(addr)!, bits: Number(bits), size: 32, why };
}
function v6(cidr: string, why: string): Range {
  const [addr, bits] = cidr.split('/');
  return { base: parseV6(addr)!, bits: Number(bits), size: 128, why };
}

const BLOCKED: Range[] = [
  v4('0.0.0.0/8', 'an unspecified address'),
  v4('10.0.0.0/8', 'a private address'),
  v4('100.64.0.0/10', 'a carrier-grade NAT address'),
  v4('127.0.0.0/8', 'a loopback address'),
  v4('169.254.0.0/16', 'a link-local address'),
  v4('172.16.0.0/12', 'a private address'),
  v4('192.0.0.0/24', 'a reserved address'),
  v4('192.0.2.0/24', 'a documentation address'),
  v4('192.88.99.0/24', 'a reserved address'),
  v4('192.168.0.0/16', 'a private address'),
  v4('198.18.0.0/15', 'a benchmarking address'),
  v4('198.51.100.0/24', 'a documentation address'),
  v4('203.0.113.0/24', 'a documentation address'),
  v4('224.0.0.0/4', 'a multicast address'),
  v4('240.0.0.0/4', 'a reserved address'),
  v6('::/128', 'an unspecified address'),
  v6('::1/128', 'a loopback address'),
  v6('100::/64', 'a discard address'),
  v6('2001:db8::/32', 'a documentation address'),
  v6('fc00::/7', 'a unique-local (private) address'),
  v6('fe80::/10', 'a link-local address'),
  v6('fec0::/10', 'a site-local address'),
  v6('ff00::/8', 'a multicast address'),
];

/** Why `ip` must not be fetched from, or null when it is a public address. Unparseable input is refused. */
export function blockedAddressReason(ip: string): string | null {
  const family = isIP(ip);
  if (family === 4) return matchV4(parseV4(ip)!);
  if (family === 6) {
    const n = parseV6(ip);
    if (n === null) return 'an unreadable address';
    // Addresses that embed an IPv4 address are judged by it.
    if (n >> 32n === 0xffffn) return matchV4(n & 0xffffffffn); // ::ffff:a.b.c.d (mapped)
    // SIIT (::ffff:0:0/96) and local-use NAT64 (64:ff9b:1::/48) translate into networks we cannot judge: refuse.
    if (n >> 32n === 0xffff0000n) return 'an IPv4-translated (SIIT) address';
    if (n >> 80n === 0x0064ff9b0001n) return 'a local-use NAT64 address';
    if (n >> 32n === 0n && n > 1n) return matchV4(n & 0xffffffffn); // ::a.b.c.d (compatible, deprecated)
    if (n >> 32n === 0x0064ff9b0000000000000000n) return matchV4(n & 0xffffffffn); // 64:ff9b::/96 NAT64
    if (n >> 112n === 0x2002n) return matchV4((n >> 80n) & 0xffffffffn); // 6to4
    for (const r of BLOCKED) if (r.size === 128 && inRange(n, r)) return r.why;
    return null;
  }
  return 'an unreadable address';
}

function matchV4(n: bigint): string | null {
  if (n === 0xffffffffn) return 'a broadcast address';
  for (const r of BLOCKED) if (r.size === 32 && inRange(n, r)) return r.why;
  return null;
}

function inRange(n: bigint, r: Range): boolean {
  const shift = BigInt(r.size - r.bits);
  return n >> shift === r.base >> shift;
}

export function parseV4(ip: string): bigint | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

export function parseV6(ip: string): bigint | null {
  let s = ip.replace(/^\[|\]$/g, '').split('%')[0].toLowerCase();
  const lastColon = s.lastIndexOf(':');
  if (lastColon >= 0 && s.slice(lastColon + 1).includes('.')) {
    // Trailing dotted IPv4 ("::ffff:1.2.3.4") becomes two hex groups.
    const v4n = parseV4(s.slice(lastColon + 1));
    if (v4n === null) return null;
    s = `${s.slice(0, lastColon + 1)}${(v4n >> 16n).toString(16)}:${(v4n & 0xffffn).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const total = head.length + rest.length;
  if (halves.length === 1 && total !== 8) return null;
  if (halves.length === 2 && total > 7) return null;
  const all = [...head, ...Array<string>(8 - total).fill('0'), ...rest];
  let n = 0n;
  for (const g of all) {
    if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return n;
}
