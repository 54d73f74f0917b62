import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction, type Socket } from 'node:net';
import { buildConnector } from 'undici';
import type { AddressPolicy } from './address-policy';
import { BlockedAddressError } from './blocked-address-error';

export interface GuardedConnectorOptions {
  policy: AddressPolicy;
  connectTimeoutMs: number;
  /** Extra CA certificates to trust (PEM); verification itself is always on. */
  ca?: string | string[];
}

/**
 * An undici connector that applies the address policy when the connection is made: literal IP
 * hosts are checked before connecting, names are checked on every address DNS returns (all of
 * them must be allowed), and the socket's peer address is checked again once connected. Every
 * connection goes through it, redirects included, so neither a DNS name nor a redirect can
 * reach a refused address. TLS certificates are always verified.
 */
export function guardedConnector(options: GuardedConnectorOptions): buildConnector.connector {
  const { policy } = options;
  const base = buildConnector({
    lookup: guardedLookup(policy),
    rejectUnauthorized: true,
    timeout: options.connectTimeoutMs,
    ...(options.ca ? { ca: options.ca } : {}),
  });
  return (connectOptions, callback) => {
    const host = connectOptions.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) {
      const verdict = policy.check(host);
      if (!verdict.ok) {
        callback(new BlockedAddressError(host, verdict.reason), null);
        return;
      }
    }
    base(connectOptions, (error, socket) => {
      if (error || !socket) {
        callback(error ?? new Error('connection failed'), null);
        return;
      }
      const peer = (socket as Socket).remoteAddress;
      const verdict = peer ? policy.check(peer) : { ok: false as const, reason: 'peer address unknown' };
      if (!verdict.ok) {
        socket.destroy();
        callback(new BlockedAddressError(peer ?? host, verdict.reason), null);
        return;
      }
      callback(null, socket);
    });
  };
}

/** dns.lookup that fails when any address of the name is refused by the policy. */
export function guardedLookup(policy: AddressPolicy): LookupFunction {
  return ((hostname: string, lookupOptions: { all?: boolean; family?: number }, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      const refused = addresses.map((entry) => ({ entry, verdict: policy.check(entry.address) })).find(({ verdict }) => !verdict.ok);
      if (refused && !refused.verdict.ok) return callback(new BlockedAddressError(hostname, `it resolves to ${refused.verdict.reason}`));
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }));
      if (lookupOptions.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  }) as LookupFunction;
}
