import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('refuses a guessable HUB_ADMIN_KEY, saying what a good one looks like', () => {
    for (const weak of ['a', 'fct_short', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa']) {
      expect(() => loadConfig({ HUB_ADMIN_KEY: weak })).toThrow(ConfigError);
    }
    expect(() => loadConfig({ HUB_ADMIN_KEY: 'a' })).toThrow(/at least 24 characters/);
    expect(loadConfig({ HUB_ADMIN_KEY: 'fct_test-admin-key-for-e2e-only' }).adminKey).toBe('fct_test-admin-key-for-e2e-only');
  });

  it('refuses app link schemes that would let script through', () => {
    expect(() => loadConfig({ HUB_APP_LINK_SCHEMES: 'myshop,javascript' })).toThrow(/"javascript"/);
    expect(loadConfig({ HUB_APP_LINK_SCHEMES: 'myshop' }).linkSchemes).toEqual(['http', 'https', 'mailto', 'tel', 'myshop']);
  });

  it('takes delivery-token secrets of at least 32 characters, and never prints a short one', () => {
    expect(loadConfig({ HUB_DELIVERY_TOKEN_SECRETS: `${'n'.repeat(32)}, ${'o'.repeat(40)}` }).deliveryTokenSecrets).toEqual(['n'.repeat(32), 'o'.repeat(40)]);
    expect(() => loadConfig({ HUB_DELIVERY_TOKEN_SECRETS: 'kort-geheim' })).toThrow(/secret 1 has 11 characters; each needs at least 32/);
    expect(() => loadConfig({ HUB_DELIVERY_TOKEN_SECRETS: 'kort-geheim' })).not.toThrow(/kort/);
    expect(loadConfig({}).deliveryTokenSecrets).toEqual([]);
  });

  it('reads rate limits per role', () => {
    expect(loadConfig({ HUB_RATE_LIMIT_DELIVERY: '42' }).throttle.requestsPerSecond.DELIVERY).toBe(42);
    expect(() => loadConfig({ HUB_RATE_LIMIT_EDITOR: '0' })).toThrow(ConfigError);
  });
});
