import { BlockList, isIP } from 'node:net';

/** Cloud instance-metadata endpoints (AWS, GCP and Azure at 169.254.169.254, ECS, Alibaba, AWS over IPv6). */
const METADATA_ADDRESSES: Array<[address: string, family: 'ipv4' | 'ipv6']> = [
  ['169.254.169.254', 'ipv4'], ['169.254.170.2', 'ipv4'], ['100.100.100.200', 'ipv4'], ['fd00:ec2::254', 'ipv6'],
];

const metadata = new BlockList();
for (const [address, family] of METADATA_ADDRESSES) metadata.addAddress(address, family);

const linkLocal = new BlockList();
linkLocal.addSubnet('169.254.0.0', 16, 'ipv4');
linkLocal.addSubnet('fe80::', 10, 'ipv6');

/**
 * The URL host's address and what it is, when the host is a literal link-local or cloud metadata
 * IP address; undefined otherwise. Such addresses reach the machine the platform runs on
 * (instance credentials among them), never a function, so a URL naming one is refused when it is
 * saved rather than when it is first called. Host names are left to the delivery address guard,
 * which checks every address a name resolves to at connection time: nothing is resolved here.
 * IPv4-mapped IPv6 addresses (`::ffff:169.254.169.254`) are judged as their IPv4 address.
 */
export function findLinkLocalAddress(hostname: string): { address: string; kind: 'cloud metadata' | 'link-local' } | undefined {
  const address = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const version = isIP(address);
  if (version === 0) return undefined;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (metadata.check(address, family)) return { address, kind: 'cloud metadata' };
  if (linkLocal.check(address, family)) return { address, kind: 'link-local' };
  return undefined;
}
