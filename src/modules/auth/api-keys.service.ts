import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { WeightedLru } from '../../common/cache/weighted-lru';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { BadUserInputError, NotFoundError, UnauthenticatedError } from '../../common/errors/domain-errors';
import { ChangeFeed } from '../../database/change-feed.service';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeysRepository } from './api-keys.repository';
import { Principal } from './principal';
import { RequestThrottle } from './request-throttle';
import { Role } from './role.enum';

const KEY_PREFIX = 'fct_';
/** Authentication is on every request; a short-lived cache keeps it off the database. Revocations clear it on every instance. */
const CACHE_TTL_MS = 30_000;
const CACHE_MAX_ENTRIES = 10_000;

export interface CreatedApiKey {
  key: ApiKeyEntity;
  secret: string;
}

@Injectable()
export class ApiKeysService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ApiKeysService.name);
  private readonly cache = new WeightedLru<string, { principal: Principal; expires: number }>(CACHE_MAX_ENTRIES);
  private adminKeyHash: Buffer | null = null;
  private readonly throttle: RequestThrottle;

  constructor(
    private readonly repository: ApiKeysRepository,
    private readonly changeFeed: ChangeFeed,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.throttle = new RequestThrottle(config.throttle);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.changeFeed.subscribe('api-key-revoked', () => this.cache.clear());
    if (this.config.adminKey) {
      this.adminKeyHash = sha256(this.config.adminKey);
    } else if ((await this.repository.countActive(Role.ADMIN)) === 0) {
      // First start without HUB_ADMIN_KEY: a stored admin key, shown this once so a newcomer can sign in.
      const { secret } = await this.create('bootstrap admin', Role.ADMIN);
      this.logger.warn(`No HUB_ADMIN_KEY set: created an admin key, shown only now: ${secret}`);
    }
  }

  /**
   * Resolves the bearer secret of a request and admits it under its key's rate limit; throws
   * UNAUTHENTICATED, or RATE_LIMITED for a busy key or for an address that keeps sending keys the
   * hub does not know (those would each cost a database lookup).
   */
  async admit(authorization: string | undefined, clientAddress: string): Promise<Principal> {
    const hash = sha256(parseBearer(authorization));
    const principal = this.knownPrincipal(hash) ?? (await this.lookUp(hash, clientAddress));
    await this.throttle.admit(principal);
    return principal;
  }

  /** HUB_ADMIN_KEY or a key seen in the last seconds: no database needed, unless revocations could have been missed. */
  private knownPrincipal(hash: Buffer): Principal | undefined {
    if (this.adminKeyHash && timingSafeEqual(hash, this.adminKeyHash)) return { keyId: null, name: 'HUB_ADMIN_KEY', role: Role.ADMIN };
    if (!this.changeFeed.listening) return undefined;
    const cached = this.cache.get(hash.toString('hex'));
    return cached && cached.expires > Date.now() ? cached.principal : undefined;
  }

  private async lookUp(hash: Buffer, clientAddress: string): Promise<Principal> {
    await this.throttle.checkAddress(clientAddress);
    const hashHex = hash.toString('hex');
    const key = await this.repository.findActiveByHash(hashHex);
    if (!key) {
      await this.throttle.recordFailedSignIn(clientAddress);
      throw new UnauthenticatedError('The API key is unknown or revoked');
    }
    const principal: Principal = { keyId: key.id, name: key.name, role: key.role };
    this.cache.set(hashHex, { principal, expires: Date.now() + CACHE_TTL_MS });
    return principal;
  }

  async create(name: string, role: Role): Promise<CreatedApiKey> {
    if (!Object.values(Role).includes(role)) throw new BadUserInputError(`Unknown role "${role}"`, 'role');
    const secret = generateSecret();
    const key = await this.repository.insert({
      name,
      role,
      keyHash: sha256(secret).toString('hex'),
      prefix: secret.slice(0, KEY_PREFIX.length + 6),
    });
    return { key, secret };
  }

  list(): Promise<ApiKeyEntity[]> {
    return this.repository.list();
  }

  async revoke(id: string): Promise<ApiKeyEntity> {
    const key = await this.repository.findById(id);
    if (!key) throw new NotFoundError(`No API key with id ${id}`);
    if (!key.revokedAt) {
      await this.repository.revoke(id, new Date());
      this.cache.clear();
      await this.changeFeed.publish('api-key-revoked', { id });
    }
    return (await this.repository.findById(id)) as ApiKeyEntity;
  }
}

function parseBearer(authorization: string | undefined): string {
  if (!authorization) throw new UnauthenticatedError('An API key is required: send "Authorization: Bearer <key>"');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new UnauthenticatedError('The Authorization header must read "Bearer <key>"');
  return match[1];
}

function generateSecret(): string {
  return KEY_PREFIX + randomBytes(24).toString('base64url');
}

/** One-shot hashing, on every request: a Hash object made each time cost 40 % more. */
function sha256(secret: string): Buffer {
  return hash('sha256', secret, 'buffer');
}
