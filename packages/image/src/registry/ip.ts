/**
 * IP addresses as bytes, and CIDR ranges over them, for the address policy. Every IPv6 form that
 * embeds an IPv4 address (see embeddedIPv4) is unwrapped to the IPv4 address it reaches, so a
 * policy on IPv4 ranges cannot be bypassed through IPv6.
 */
import { isIPv4, isIPv6 } from 'node:net';

export type IpBytes = Uint8Array; // 4 or 16 bytes

export function parseIp(text: string): IpBytes | undefined {
  const address = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const bare = address.split('%')[0] ?? ''; // drop an IPv6 zone id (`fe80::1%eth0`)
  if (isIPv4(bare)) return Uint8Array.from(bare.split('.').map(Number));
  if (isIPv6(bare)) return parseIPv6(bare);
  return undefined;
}

function parseIPv6(text: string): IpBytes {
  // Rewrite a trailing dotted quad (`::ffff:1.2.3.4`) as two hex groups first.
  const body = text.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_m, a, b, c, d) =>
    [(Number(a) << 8) | Number(b), (Number(c) << 8) | Number(d)].map((g) => g.toString(16)).join(':'),
  );
  const [head = '', rest] = body.split('::');
  const parse = (s: string): number[] => (s === '' ? [] : s.split(':').map((h) => parseInt(h, 16)));
  const left = parse(head);
  const right = parse(rest ?? '');
  const fill = rest === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  const bytes = new Uint8Array(16);
  [...left, ...fill, ...right].forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return bytes;
}

/**
 * The IPv4 address an IPv6 address stands for, if it embeds one. Each of these reaches, or is
 * translated to, the IPv4 address inside it, so it must be judged by that address:
 *   ::a.b.c.d          IPv4-compatible (RFC 4291 §2.5.5.1, deprecated but still routed by some stacks)
 *   ::ffff:a.b.c.d     IPv4-mapped (RFC 4291 §2.5.5.2)
 *   ::ffff:0:a.b.c.d   IPv4-translated (RFC 2765 §2.1, SIIT)
 *   64:ff9b::/96       NAT64 well-known prefix (RFC 6052); 64:ff9b:1::/48 local-use (RFC 8215)
 *   2002::/16          6to4 (RFC 3056): the IPv4 address is bits 16-47
 *   2001:0::/32        Teredo (RFC 4380): the client's address, bits 96-127, inverted
 * `::` and `::1` are IPv6's own unspecified and loopback addresses, not IPv4-compatible ones.
 */
export function embeddedIPv4(ip: IpBytes): IpBytes | undefined {
  if (ip.length !== 16) return undefined;
  const prefix = (...bytes: number[]): boolean => bytes.every((b, i) => ip[i] === b);
  const zeros = (from: number, to: number): boolean => ip.slice(from, to).every((b) => b === 0);
  const last = ip.slice(12);
  if (zeros(0, 10) && ip[10] === 0xff && ip[11] === 0xff) return last; // ::ffff:0:0/96
  if (zeros(0, 8) && ip[8] === 0xff && ip[9] === 0xff && zeros(10, 12)) return last; // ::ffff:0:0:0/96
  if (zeros(0, 12)) return zeros(12, 15) && (ip[15] as number) <= 1 ? undefined : last; // ::/96
  if (prefix(0x00, 0x64, 0xff, 0x9b) && zeros(4, 12)) return last; // 64:ff9b::/96
  if (prefix(0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) return last; // 64:ff9b:1::/48
  if (prefix(0x20, 0x02)) return ip.slice(2, 6); // 2002::/16
  if (prefix(0x20, 0x01, 0x00, 0x00)) return last.map((b) => b ^ 0xff); // 2001::/32
  return undefined;
}

export interface Cidr {
  bytes: IpBytes;
  bits: number;
}

export function parseCidr(text: string): Cidr {
  const [address = '', bitsText] = text.split('/');
  const bytes = parseIp(address);
  if (!bytes) throw new Error(`bad CIDR "${text}": not an IP address`);
  const bits = bitsText === undefined ? bytes.length * 8 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > bytes.length * 8) {
    throw new Error(`bad CIDR "${text}": prefix length out of range`);
  }
  return { bytes, bits };
}

export function inCidr(ip: IpBytes, cidr: Cidr): boolean {
  if (ip.length !== cidr.bytes.length) return false;
  for (let bit = 0; bit < cidr.bits; bit += 8) {
    const take = Math.min(8, cidr.bits - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    const i = bit / 8;
    if (((ip[i] ?? 0) & mask) !== ((cidr.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}
