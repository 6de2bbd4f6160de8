import * as dns from 'node:dns';
import ipaddr from 'ipaddr.js';

/**
 * Whether an IP address is on the public internet: ipaddr.js names every other range (private,
 * loopback, link-local, carrier-grade NAT, multicast, reserved …), IPv4-mapped IPv6 included.
 */
export function isPublicAddress(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.process(address).range() === 'unicast';
}

/** Why a webhook URL is refused, or null when it is fine to store (the address is checked again on every delivery). */
export function urlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url is not an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `url must use http or https, not ${url.protocol.replace(':', '')}`;
  if (url.username || url.password) return 'url must not carry a user name or password; the signature authenticates the hub';
  if (raw.length > 2000) return 'url is longer than 2000 characters';
  return null;
}

export class PrivateAddressError extends Error {}

/**
 * A `lookup` for http.request that refuses non-public addresses at connect time, so a name that
 * resolves to a private address (or is re-pointed there after the check) is never reached.
 */
export function publicOnlyLookup(allowPrivate: boolean): typeof dns.lookup {
  return ((hostname: string, options: dns.LookupOptions, callback: (error: Error | null, address: string | dns.LookupAddress[], family?: number) => void) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const usable = allowPrivate ? addresses : addresses.filter((entry) => isPublicAddress(entry.address));
      if (usable.length === 0) {
        return callback(new PrivateAddressError(`${hostname} resolves to ${addresses.map((entry) => entry.address).join(', ')}: private, loopback or link-local addresses are refused (HUB_WEBHOOK_ALLOW_PRIVATE)`), '');
      }
      if (options.all) return callback(null, usable);
      return callback(null, usable[0].address, usable[0].family);
    });
  }) as typeof dns.lookup;
}

/** The addresses a URL's host resolves to, for refusing a private one when the webhook is saved. */
export async function resolveHost(url: URL): Promise<string[]> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host)) return [host];
  const addresses = await dns.promises.lookup(host, { all: true });
  return addresses.map((entry) => entry.address);
}
