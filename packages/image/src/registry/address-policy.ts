/**
 * Which IP addresses a registry fetch may connect to. The server fetches user-supplied
 * references, so by default it refuses private, link-local and cloud-metadata targets (SSRF);
 * loopback stays allowed because a developer's own registry is usually `localhost:5000`.
 * The check runs on the resolved address of every connection (see transport.ts), so a
 * hostname that resolves to a private address is refused just like the literal address.
 */
import { embeddedIPv4, inCidr, parseCidr, parseIp, type Cidr, type IpBytes } from './ip.js';

export interface AddressPolicy {
  /** 127.0.0.0/8, ::1 (and the unspecified 0.0.0.0, ::, which reach this host). Default true. */
  loopback?: boolean;
  /** 10/8, 172.16/12, 192.168/16, 100.64/10 (CGNAT), 198.18/15, fc00::/7, fec0::/10. Default false. */
  privateNetworks?: boolean;
  /** 169.254/16, fe80::/10. Default false. */
  linkLocal?: boolean;
  /** Cloud metadata endpoints (169.254.169.254, fd00:ec2::254, …). Default false. */
  metadata?: boolean;
  /** CIDRs allowed whatever their class, e.g. `10.20.0.0/16` for an internal mirror. */
  allow?: string[];
}

/** For the CLI: the user may fetch from any host they name. */
export const ALLOW_ALL_ADDRESSES: Readonly<AddressPolicy> = Object.freeze({
  loopback: true,
  privateNetworks: true,
  linkLocal: true,
  metadata: true,
});

export type AddressClass =
  'public' | 'loopback' | 'private' | 'link-local' | 'metadata' | 'multicast' | 'reserved' | 'invalid';

const ranges = (...cidrs: string[]): Cidr[] => cidrs.map(parseCidr);

const METADATA = ranges(
  '169.254.169.254/32', // AWS, GCP, Azure, OpenStack, DigitalOcean
  '169.254.170.2/32', // AWS ECS task metadata
  '100.100.100.200/32', // Alibaba Cloud
  '192.0.0.192/32', // Oracle Cloud
  'fd00:ec2::254/128', // AWS IPv6
);
const LOOPBACK = ranges('127.0.0.0/8', '0.0.0.0/8', '::1/128', '::/128');
const LINK_LOCAL = ranges('169.254.0.0/16', 'fe80::/10');
const PRIVATE = ranges(
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
  '198.18.0.0/15',
  '192.0.0.0/24',
  'fc00::/7',
  'fec0::/10',
);
const MULTICAST = ranges('224.0.0.0/4', 'ff00::/8');
const RESERVED = ranges('240.0.0.0/4'); // includes 255.255.255.255

export function classifyAddress(address: string): AddressClass {
  const parsed = parseIp(address);
  if (!parsed) return 'invalid';
  const ip: IpBytes = embeddedIPv4(parsed) ?? parsed;
  const within = (list: Cidr[]): boolean => list.some((c) => inCidr(ip, c));
  if (within(METADATA)) return 'metadata';
  if (within(LOOPBACK)) return 'loopback';
  if (within(LINK_LOCAL)) return 'link-local';
  if (within(PRIVATE)) return 'private';
  if (within(MULTICAST)) return 'multicast';
  if (within(RESERVED)) return 'reserved';
  return 'public';
}

/** Why the policy refuses `address`, or undefined when it may be used. */
export function addressRefusal(address: string, policy: AddressPolicy = {}): string | undefined {
  const kind = classifyAddress(address);
  const parsed = parseIp(address);
  if (parsed && (policy.allow ?? []).some((c) => inCidr(embeddedIPv4(parsed) ?? parsed, parseCidr(c)))) {
    return undefined;
  }
  switch (kind) {
    case 'public':
      return undefined;
    case 'loopback':
      return policy.loopback === false ? 'loopback addresses are not allowed' : undefined;
    case 'private':
      return policy.privateNetworks ? undefined : 'private network addresses are not allowed';
    case 'link-local':
      return policy.linkLocal ? undefined : 'link-local addresses are not allowed';
    case 'metadata':
      return policy.metadata ? undefined : 'cloud metadata addresses are not allowed';
    case 'multicast':
    case 'reserved':
      return 'not a unicast address';
    case 'invalid':
      return 'not an IP address';
  }
}
