import { isPublicAddress, urlProblem } from './webhook-address';
import { afterFailure } from './webhook-retry';
import { signWebhook } from './webhook-signature';

const HOUR = 3_600_000;

describe('webhook signatures', () => {
  it('are HMAC-SHA256 of "timestamp.body" in hex, as the README tells receivers', () => {
    // Computed independently: printf '1767225600.{"id":"e"}' | openssl dgst -sha256 -hmac whsec_test
    expect(signWebhook('whsec_test', 1767225600, '{"id":"e"}')).toBe('v1=49955c04c3713491bc4c3f4e0c8d1512a7a1532ad387828d758702fc95a46112');
  });

  it('change with the secret, the timestamp and the body', () => {
    const header = signWebhook('whsec_test', 1767225600, '{"id":"e"}');
    expect(signWebhook('whsec_other', 1767225600, '{"id":"e"}')).not.toBe(header);
    expect(signWebhook('whsec_test', 1767225601, '{"id":"e"}')).not.toBe(header);
    expect(signWebhook('whsec_test', 1767225600, '{"id":"f"}')).not.toBe(header);
  });
});

describe('webhook addresses', () => {
  it.each(['8.8.8.8', '2606:4700::1111'])('lets %s through', (address) => expect(isPublicAddress(address)).toBe(true));
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fc00::1', '::ffff:10.0.0.1', '224.0.0.1', 'not-an-ip'])('refuses %s', (address) =>
    expect(isPublicAddress(address)).toBe(false),
  );

  it('takes only absolute http(s) URLs without credentials', () => {
    expect(urlProblem('https://hooks.example.com/facet')).toBeNull();
    expect(urlProblem('ftp://example.com')).toMatch(/http or https, not ftp/);
    expect(urlProblem('/relative')).toMatch(/not an absolute URL/);
    expect(urlProblem('https://a:b@example.com')).toMatch(/user name or password/);
  });
});

describe('after a failed delivery', () => {
  const now = new Date('2027-01-02T12:00:00Z');
  it('retries while the event and the failing streak are younger than a day', () => {
    expect(afterFailure({ now, failingSince: new Date(now.getTime() - 23 * HOUR), occurredAt: new Date(now.getTime() - 23 * HOUR), attempt: 12 })).toBe('retry');
  });
  it('gives up on an event older than a day, or after its last attempt', () => {
    expect(afterFailure({ now, failingSince: new Date(now.getTime() - HOUR), occurredAt: new Date(now.getTime() - 24 * HOUR), attempt: 3 })).toBe('give up');
    expect(afterFailure({ now, failingSince: new Date(now.getTime() - HOUR), occurredAt: new Date(now.getTime() - HOUR), attempt: 40 })).toBe('give up');
  });
  it('disables a webhook that has failed for a whole day', () => {
    expect(afterFailure({ now, failingSince: new Date(now.getTime() - 24 * HOUR), occurredAt: now, attempt: 1 })).toBe('disable');
  });
});
