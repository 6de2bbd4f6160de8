import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseBytes } from 'bytes';
import { linkSchemes } from '../common/urls/safe-url';
import { Role } from '../modules/auth/role.enum';
import type { ThrottleSettings } from '../modules/auth/request-throttle';

/** The hub's whole configuration, read and validated once from the environment (the README's Configuration table). */
export interface AppConfig {
  port: number;
  /** Unset: the hub starts an embedded PostgreSQL whose data lives in `dataDir/postgres`. */
  databaseUrl: string | undefined;
  adminKey: string | undefined;
  seedDemoContent: boolean;
  defaultLocale: string;
  dataDir: string;
  contentModelsDir: string;
  embeddedPostgresPort: number;
  /** Public base URL used in rendition links; defaults to http://localhost:PORT. */
  publicUrl: string;
  /** Bytes. */
  requestBodyLimit: number;
  maxQueryDepth: number;
  maxQueryComplexity: number;
  /** Renderings one GraphQL request may ask for, over all its aliases (HUB_MAX_RENDERS_PER_REQUEST). */
  maxRendersPerRequest: number;
  /** Requests one personalizeMany call may carry (HUB_MAX_BATCH); each is a rendering in the cost model. */
  maxBatch: number;
  /** Memory for published items kept for delivery (HUB_DELIVERY_CACHE_MB), in bytes. */
  deliveryCacheBytes: number;
  /** Memory for compiled renderings (HUB_RENDERING_CACHE_MB), in bytes. */
  renderingCacheBytes: number;
  /** Milliseconds one GraphQL request may spend rendering (HUB_RENDER_BUDGET_MS). */
  renderBudgetMs: number;
  /** Every HUB_* variable as given, for the settings channels declare (e.g. HUB_INAPP_TITLE_LIMIT); the channels check them at start-up. */
  channelEnvironment: Record<string, string>;
  /** Modules that export extra ChannelRenderer classes, loaded at start-up (HUB_CHANNEL_PLUGINS, comma-separated paths). */
  channelPlugins: string[];
  assets: { directory: string; maxBytes: number; renditionCacheBytes: number };
  /** Per-key request rate by role and failed sign-ins per address (HUB_RATE_LIMIT_*); enforced per instance. */
  throttle: ThrottleSettings;
  /** HUB_DELIVERY_TOKEN_SECRETS: the first signs delivery tokens, all verify; empty: a secret the hub keeps in its database. */
  deliveryTokenSecrets: string[];
  /** Schemes links in content and output may use: http(s), mailto, tel, plus HUB_APP_LINK_SCHEMES for app deep links. */
  linkSchemes: string[];
  /** Print every SQL statement (HUB_LOG_SQL): for finding N+1 queries. */
  logSql: boolean;
  touchpoints: TouchpointSettings;
  experiments: ExperimentSettings;
  webhooks: WebhookSettings;
  campaignRuns: CampaignRunSettings;
}

export interface CampaignRunSettings {
  /** Customers one run may have (HUB_CAMPAIGN_MAX_AUDIENCE). */
  maxAudience: number;
  /** Customers an inline audience of createCampaignRun may have (HUB_CAMPAIGN_MAX_INLINE). */
  maxInline: number;
  /** Customers rendered per job: the unit instances share, and what a crash makes redo (HUB_CAMPAIGN_CHUNK_SIZE). */
  chunkSize: number;
  /** Chunks one hub instance renders at the same time (HUB_CAMPAIGN_CONCURRENCY). */
  concurrency: number;
  /** Recipients per print file of a print channel's run (HUB_CAMPAIGN_PRINT_BATCH): a print file is one chunk. */
  printBatch: number;
}

export interface WebhookSettings {
  /** Let webhooks reach private, loopback and link-local addresses (HUB_WEBHOOK_ALLOW_PRIVATE): tests and on-premise receivers. */
  allowPrivate: boolean;
  /** Delay before the first retry, doubling per attempt (HUB_WEBHOOK_RETRY_BASE_MS; the job queue counts whole seconds). */
  retryBaseMs: number;
  /** Milliseconds a receiver has to answer one delivery (HUB_WEBHOOK_TIMEOUT_MS). */
  timeoutMs: number;
  /** Deliveries one hub instance makes at the same time (HUB_WEBHOOK_CONCURRENCY). */
  concurrency: number;
}

export interface TouchpointSettings {
  /** Seconds an event may lie in the future of the hub's clock (HUB_TOUCHPOINT_CLOCK_SKEW_S). */
  clockSkewSeconds: number;
  /** Months of raw events kept; older monthly partitions are dropped, rollups stay (HUB_TOUCHPOINT_RETENTION_MONTHS, 0: keep all). */
  retentionMonths: number;
  /** The one currency conversion values are reported in (HUB_CURRENCY, ISO 4217). */
  currency: string;
  /** Events one recordTouchpoints call may carry (HUB_MAX_TOUCHPOINTS_PER_CALL). */
  maxPerCall: number;
  /** Lines one POST /touchpoints request may carry (HUB_MAX_TOUCHPOINT_LINES). */
  maxLines: number;
}

export interface ExperimentSettings {
  /** Exposures every arm needs before a winner may be named (HUB_EXPERIMENT_MIN_SAMPLE). */
  minSamplePerArm: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {}

const MIN_ADMIN_KEY_LENGTH = 24;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const projectRoot = findProjectRoot();
  const port = integer(env, 'PORT', 3000, 0, 65535);
  return {
    port,
    databaseUrl: nonEmpty(env.DATABASE_URL),
    adminKey: adminKey(env),
    seedDemoContent: boolean(env, 'HUB_SEED', true),
    defaultLocale: nonEmpty(env.HUB_DEFAULT_LOCALE) ?? 'en',
    dataDir: path.resolve(projectRoot, nonEmpty(env.HUB_DATA_DIR) ?? 'data'),
    contentModelsDir: path.resolve(projectRoot, nonEmpty(env.HUB_CONTENT_MODELS_DIR) ?? 'content-models'),
    embeddedPostgresPort: integer(env, 'HUB_EMBEDDED_PG_PORT', 54329, 1, 65535),
    publicUrl: (nonEmpty(env.HUB_PUBLIC_URL) ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    requestBodyLimit: byteSize(env, 'HUB_BODY_LIMIT', '1mb'),
    maxQueryDepth: integer(env, 'HUB_MAX_QUERY_DEPTH', 12, 3, 100),
    maxQueryComplexity: integer(env, 'HUB_MAX_QUERY_COMPLEXITY', 5000, 10, 1_000_000),
    maxRendersPerRequest: integer(env, 'HUB_MAX_RENDERS_PER_REQUEST', 50, 1, 10_000),
    renderBudgetMs: integer(env, 'HUB_RENDER_BUDGET_MS', 5000, 10, 600_000),
    maxBatch: integer(env, 'HUB_MAX_BATCH', 100, 1, 10_000),
    deliveryCacheBytes: integer(env, 'HUB_DELIVERY_CACHE_MB', 48, 1, 100_000) * 1024 * 1024,
    renderingCacheBytes: integer(env, 'HUB_RENDERING_CACHE_MB', 24, 1, 100_000) * 1024 * 1024,
    channelEnvironment: Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[0].startsWith('HUB_') && nonEmpty(entry[1]) !== undefined)),
    channelPlugins: (nonEmpty(env.HUB_CHANNEL_PLUGINS) ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => path.resolve(projectRoot, entry)),
    logSql: boolean(env, 'HUB_LOG_SQL', false),
    throttle: {
      requestsPerSecond: {
        [Role.ADMIN]: integer(env, 'HUB_RATE_LIMIT_ADMIN', 1000, 1, 1_000_000),
        [Role.EDITOR]: integer(env, 'HUB_RATE_LIMIT_EDITOR', 500, 1, 1_000_000),
        [Role.PREVIEW]: integer(env, 'HUB_RATE_LIMIT_PREVIEW', 500, 1, 1_000_000),
        [Role.DELIVERY]: integer(env, 'HUB_RATE_LIMIT_DELIVERY', 5000, 1, 1_000_000),
      },
      failedSignInsPerMinute: integer(env, 'HUB_FAILED_SIGN_INS_PER_MINUTE', 30, 1, 100_000),
    },
    deliveryTokenSecrets: secrets(env, 'HUB_DELIVERY_TOKEN_SECRETS'),
    touchpoints: {
      clockSkewSeconds: integer(env, 'HUB_TOUCHPOINT_CLOCK_SKEW_S', 300, 0, 86_400),
      retentionMonths: integer(env, 'HUB_TOUCHPOINT_RETENTION_MONTHS', 25, 0, 1200),
      currency: currency(env, 'HUB_CURRENCY', 'EUR'),
      maxPerCall: integer(env, 'HUB_MAX_TOUCHPOINTS_PER_CALL', 1000, 1, 10_000),
      maxLines: integer(env, 'HUB_MAX_TOUCHPOINT_LINES', 10_000, 1, 1_000_000),
    },
    experiments: { minSamplePerArm: integer(env, 'HUB_EXPERIMENT_MIN_SAMPLE', 100, 1, 100_000_000) },
    campaignRuns: {
      maxAudience: integer(env, 'HUB_CAMPAIGN_MAX_AUDIENCE', 2_000_000, 1, 100_000_000),
      maxInline: integer(env, 'HUB_CAMPAIGN_MAX_INLINE', 1000, 1, 100_000),
      chunkSize: integer(env, 'HUB_CAMPAIGN_CHUNK_SIZE', 500, 1, 100_000),
      concurrency: integer(env, 'HUB_CAMPAIGN_CONCURRENCY', 1, 1, 64),
      printBatch: integer(env, 'HUB_CAMPAIGN_PRINT_BATCH', 500, 1, 10_000),
    },
    webhooks: {
      allowPrivate: boolean(env, 'HUB_WEBHOOK_ALLOW_PRIVATE', false),
      retryBaseMs: integer(env, 'HUB_WEBHOOK_RETRY_BASE_MS', 1000, 1000, 3_600_000),
      timeoutMs: integer(env, 'HUB_WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
      concurrency: integer(env, 'HUB_WEBHOOK_CONCURRENCY', 8, 1, 100),
    },
    linkSchemes: linkSchemes(list(env, 'HUB_APP_LINK_SCHEMES', /^[a-z][a-z0-9+.-]*$/i, ['javascript', 'data', 'vbscript', 'file', 'blob', 'filesystem', 'about'])),
    assets: {
      directory: path.resolve(projectRoot, nonEmpty(env.HUB_ASSETS_DIR) ?? path.join(nonEmpty(env.HUB_DATA_DIR) ?? 'data', 'assets')),
      maxBytes: integer(env, 'HUB_ASSET_MAX_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      renditionCacheBytes: integer(env, 'HUB_RENDITION_CACHE_MB', 1024, 1, 1_000_000) * 1024 * 1024,
    },
  };
}

/** The folder holding package.json, so paths work from src/ (tests) and dist/src/ (built) alike. */
export function findProjectRoot(start: string = __dirname): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** A bootstrap admin key must be hard to guess: `HUB_ADMIN_KEY=a` would let anyone in. */
function adminKey(env: NodeJS.ProcessEnv): string | undefined {
  const key = nonEmpty(env.HUB_ADMIN_KEY);
  if (key !== undefined && (key.length < MIN_ADMIN_KEY_LENGTH || new Set(key).size < 8)) {
    throw new ConfigError(`HUB_ADMIN_KEY must be at least ${MIN_ADMIN_KEY_LENGTH} characters of varied text (e.g. the output of: openssl rand -base64 24)`);
  }
  return key;
}

/** Comma-separated secrets, each long enough to sign with; a short one is refused without being printed. */
function secrets(env: NodeJS.ProcessEnv, name: string): string[] {
  const entries = (nonEmpty(env[name]) ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  entries.forEach((entry, index) => {
    if (entry.length < 32) throw new ConfigError(`${name}: secret ${index + 1} has ${entry.length} characters; each needs at least 32 (e.g. openssl rand -base64 32)`);
  });
  return entries;
}

function currency(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = nonEmpty(env[name]) ?? fallback;
  if (!/^[A-Z]{3}$/.test(value)) throw new ConfigError(`${name} must be an ISO 4217 currency code such as EUR or USD, not "${value}"`);
  return value;
}

/** A comma-separated list whose every entry matches `pattern` and none is refused. */
function list(env: NodeJS.ProcessEnv, name: string, pattern: RegExp, refused: string[]): string[] {
  const entries = (nonEmpty(env[name]) ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    if (!pattern.test(entry) || refused.includes(entry.toLowerCase())) throw new ConfigError(`${name} has "${entry}", which is not allowed there`);
  }
  return entries;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** A size as people write it ("1mb", "512kb", "2000000"), in bytes. */
function byteSize(env: NodeJS.ProcessEnv, name: string, fallback: string): number {
  const raw = nonEmpty(env[name]) ?? fallback;
  const value = parseBytes(raw);
  if (value === null || !Number.isInteger(value) || value < 1) throw new ConfigError(`${name} must be a size such as 1mb, 512kb or 2000000 (bytes), got "${raw}"`);
  return value;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(env[name])?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}
