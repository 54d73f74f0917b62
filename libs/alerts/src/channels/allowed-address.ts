import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { BlockedAddressError, type AddressPolicy } from '@activation/function-destination';

/**
 * The address to connect to for `host`: the host itself when it is an IP address the policy
 * allows, else the first address of the name, once every address it resolves to was allowed.
 * Connecting to the address checked (not the name again) leaves no room for a second answer.
 */
export async function allowedAddress(host: string, policy: AddressPolicy): Promise<string> {
  const bare = host.replace(/^\[|\]$/g, '');
  const addresses = isIP(bare) ? [bare] : (await lookup(bare, { all: true })).map((entry) => entry.address);
  if (addresses.length === 0) throw Object.assign(new Error(`${host} has no address`), { code: 'ENOTFOUND' });
  for (const address of addresses) {
    const verdict = policy.check(address);
    if (!verdict.ok) throw new BlockedAddressError(host, isIP(bare) ? verdict.reason : `it resolves to ${verdict.reason}`);
  }
  return addresses[0];
}
