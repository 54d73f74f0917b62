import { BlockList, isIP } from 'node:net';

type Family = 'ipv4' | 'ipv6';
type Range = [address: string, prefix: number, family: Family];

/** Addresses that are never a public destination. Keywords in the allow list open groups of them. */
const GROUPS: Record<string, Range[]> = {
  loopback: [['127.0.0.0', 8, 'ipv4'], ['::1', 128, 'ipv6']],
  private: [
    ['10.0.0.0', 8, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.168.0.0', 16, 'ipv4'], ['100.64.0.0', 10, 'ipv4'],
    ['fc00::', 7, 'ipv6'],
  ],
  'link-local': [['169.254.0.0', 16, 'ipv4'], ['fe80::', 10, 'ipv6']],
};

/** Never a destination, whatever the allow list says. */
const RESERVED: Range[] = [
  ['0.0.0.0', 8, 'ipv4'], ['192.0.0.0', 24, 'ipv4'], ['192.0.2.0', 24, 'ipv4'], ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'], ['203.0.113.0', 24, 'ipv4'], ['224.0.0.0', 4, 'ipv4'], ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'], ['64:ff9b::', 96, 'ipv6'], ['64:ff9b:1::', 48, 'ipv6'], ['2001:db8::', 32, 'ipv6'], ['ff00::', 8, 'ipv6'],
];

/** Cloud instance-metadata endpoints: refused unless the allow list names the exact address. */
const METADATA = ['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254'];

export type AddressVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Which IP addresses a destination may connect to. Public addresses are allowed; loopback,
 * private, link-local, reserved and cloud-metadata addresses are refused unless the allow list
 * opens them: keywords `loopback`, `private`, `link-local`, or CIDR ranges such as
 * `127.0.0.1/32` or `10.1.0.0/16`. IPv4-mapped IPv6 addresses are judged as their IPv4 address.
 */
export class AddressPolicy {
  private readonly special = new BlockList();
  private readonly reserved = new BlockList();
  private readonly allowed = new BlockList();
  private readonly allowedExactly = new Set<string>();

  constructor(allow: readonly string[] = []) {
    for (const ranges of Object.values(GROUPS)) addRanges(this.special, ranges);
    addRanges(this.reserved, RESERVED);
    for (const entry of allow.map((item) => item.trim()).filter(Boolean)) {
      const group = GROUPS[entry.toLowerCase()];
      if (group) {
        addRanges(this.allowed, group);
        continue;
      }
      const [address, prefixText] = entry.split('/');
      const family = familyOf(address);
      if (!family) throw new Error(`"${entry}" is neither a keyword (loopback, private, link-local) nor an IP range`);
      const prefix = prefixText === undefined ? (family === 'ipv4' ? 32 : 128) : Number(prefixText);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 'ipv4' ? 32 : 128)) throw new Error(`"${entry}" has an invalid prefix length`);
      this.allowed.addSubnet(address, prefix, family);
      if (prefix === (family === 'ipv4' ? 32 : 128)) this.allowedExactly.add(normalize(address));
    }
  }

  /** A policy from a comma-separated setting (e.g. `DELIVERY_ALLOWED_PRIVATE_NETWORKS=loopback`). */
  static fromSetting(value: string | undefined): AddressPolicy {
    return new AddressPolicy((value ?? '').split(','));
  }

  check(rawAddress: string): AddressVerdict {
    const address = normalize(rawAddress);
    const family = familyOf(address);
    if (!family) return { ok: false, reason: `"${rawAddress}" is not an IP address` };
    if (METADATA.includes(address)) {
      return this.allowedExactly.has(address) ? { ok: true } : { ok: false, reason: `${address} is a cloud metadata address` };
    }
    if (this.reserved.check(address, family)) return { ok: false, reason: `${address} is a reserved address` };
    if (!this.special.check(address, family)) return { ok: true };
    if (this.allowed.check(address, family)) return { ok: true };
    return { ok: false, reason: `${address} is a loopback, private or link-local address and is not allowed by configuration` };
  }
}

/** Lower case, brackets removed, IPv4-mapped IPv6 (`::ffff:10.0.0.1`) reduced to its IPv4 address. */
export function normalize(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  const mapped = bare.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped) return mapped[1];
  const hexMapped = bare.match(/^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
  if (hexMapped) {
    const high = parseInt(hexMapped[1], 16);
    const low = parseInt(hexMapped[2], 16);
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return bare;
}

function familyOf(address: string): Family | undefined {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
}

function addRanges(list: BlockList, ranges: readonly Range[]): void {
  for (const [address, prefix, family] of ranges) list.addSubnet(address, prefix, family);
}
