import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../../common/errors/domain-errors';
import { Principal } from './principal';
import { Role } from './role.enum';

export interface ThrottleSettings {
  /** Requests per second each key may make, by role (a token bucket refilled every second). */
  requestsPerSecond: Record<Role, number>;
  /** Failed sign-ins per minute from one client address before it has to wait. */
  failedSignInsPerMinute: number;
}

/**
 * Token buckets per key and per client address, kept in this process: every hub instance
 * enforces the limits on its own, so behind N instances a key may make up to N times as many
 * requests. That keeps a database round trip off every request.
 */
export class RequestThrottle {
  private readonly perRole: Record<Role, RateLimiterMemory>;
  private readonly failedSignIns: RateLimiterMemory;

  constructor(settings: ThrottleSettings) {
    this.perRole = Object.fromEntries(
      Object.values(Role).map((role) => [role, new RateLimiterMemory({ keyPrefix: role, points: settings.requestsPerSecond[role], duration: 1 })]),
    ) as Record<Role, RateLimiterMemory>;
    this.failedSignIns = new RateLimiterMemory({ keyPrefix: 'failed', points: settings.failedSignInsPerMinute, duration: 60 });
  }

  /** Refuses an address that failed to sign in too often, before its key costs a lookup. */
  async checkAddress(address: string): Promise<void> {
    const state = await this.failedSignIns.get(address);
    if (state && state.remainingPoints <= 0) {
      throw new RateLimitedError('Too many requests with unknown or malformed keys from this address; wait before trying again', seconds(state));
    }
  }

  async recordFailedSignIn(address: string): Promise<void> {
    await this.failedSignIns.consume(address).catch(() => undefined);
  }

  async admit(principal: Principal): Promise<void> {
    try {
      await this.perRole[principal.role].consume(principal.keyId ?? principal.name);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw new RateLimitedError(`This ${principal.role} key made more requests than its limit allows; slow down`, seconds(rejection));
    }
  }
}

function seconds(state: RateLimiterRes): number {
  return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
}
