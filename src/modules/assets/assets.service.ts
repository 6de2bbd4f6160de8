import { createHash } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { WeightedLru } from '../../common/cache/weighted-lru';
import { BoundedWorkQueue } from '../../common/concurrency/bounded-work-queue';
import { BadUserInputError, ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { canReadDrafts, Principal } from '../auth/principal';
import { ContentItemsService } from '../content/content-items.service';
import { AssetEntity } from './asset.entity';
import { ASSET_STORAGE, AssetStorage } from './asset-storage';
import { AssetsRepository } from './assets.repository';
import { RenditionFit, RenditionFormat, RenditionSpec } from '../../common/renditions/rendition-spec';
import { ImageProcessor, RENDITION_SIZES, RenditionRequest } from './image-processor';
import { isUuid } from '../../common/ids/uuid';

export interface UploadInput {
  data: Buffer;
  filename: string;
  alt: Record<string, string>;
  focalX: number | null;
  focalY: number | null;
  tags: string[];
}

export interface RenditionQuery {
  w?: string;
  h?: string;
  format?: string;
  fit?: string;
}

export interface Rendition {
  data: Buffer;
  mediaType: string;
  etag: string;
}

const RENDITIONS_PREFIX = 'renditions/';
const FORMATS: RenditionFormat[] = ['jpeg', 'png', 'webp', 'avif'];
const FITS: RenditionFit[] = ['cover', 'contain', 'inside', 'outside', 'fill'];

/** Renditions are made two at a time with at most 50 waiting, so a flood of new sizes cannot starve cached ones. */
const RENDITION_SLOTS = 2;
const RENDITION_WAITING = 50;

@Injectable()
export class AssetsService implements OnApplicationBootstrap {
  /** Renditions being made right now: concurrent requests for the same one wait for a single job. */
  private readonly inFlight = new Map<string, Promise<Rendition>>();
  private readonly renditionWork = new BoundedWorkQueue(RENDITION_SLOTS, RENDITION_WAITING, 'making image renditions');
  /** The rendition files this instance knows of, by size: the least recently used are deleted past the cache limit. */
  private readonly renditionFiles: WeightedLru<string, number>;

  constructor(
    private readonly repository: AssetsRepository,
    private readonly items: ContentItemsService,
    private readonly processor: ImageProcessor,
    @Inject(ASSET_STORAGE) private readonly storage: AssetStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.renditionFiles = new WeightedLru(config.assets.renditionCacheBytes, (bytes) => bytes);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const { key, bytes } of await this.storage.list(RENDITIONS_PREFIX)) await this.remember(key, bytes);
  }

  /** Probes the bytes (never trusting the client's type), stores them once per content hash, then records the asset. */
  async upload(input: UploadInput, principal: Principal): Promise<AssetEntity> {
    if (input.data.length > this.config.assets.maxBytes) throw new BadUserInputError(`The file is larger than ${this.config.assets.maxBytes} bytes`, 'file');
    if (Object.keys(input.alt).length === 0 || Object.values(input.alt).some((text) => typeof text !== 'string' || text.trim() === '' || text.length > 1000)) {
      throw new BadUserInputError('alt text is required (up to 1000 characters per locale)', 'alt');
    }
    for (const [name, value] of [['focalX', input.focalX], ['focalY', input.focalY]] as const) {
      if (value !== null && !(value >= 0 && value <= 1)) throw new BadUserInputError(`${name} must be between 0 and 1`, name);
    }
    const probe = await this.processor.probe(input.data);
    const hash = createHash('sha256').update(input.data).digest('hex');
    const existing = await this.repository.findByHash(hash);
    if (existing) return existing;
    const storageKey = `originals/${hash}`;
    await this.storage.put(storageKey, input.data);
    try {
      const created = await this.repository.insert({
        hash,
        originalFilename: input.filename.slice(0, 255) || 'upload',
        mediaType: probe.mediaType,
        bytes: input.data.length,
        width: probe.width,
        height: probe.height,
        alt: input.alt,
        focalX: input.focalX,
        focalY: input.focalY,
        tags: [...new Set(input.tags)],
        storageKey,
        author: principal.name,
      });
      return created ?? ((await this.repository.findByHash(hash)) as AssetEntity);
    } catch (error) {
      if (!(await this.repository.findByHash(hash))) await this.storage.delete(storageKey);
      throw error;
    }
  }

  async get(id: string): Promise<AssetEntity> {
    const asset = isUuid(id) ? await this.repository.findById(id) : null;
    if (!asset) throw new NotFoundError(`No asset with id ${id}`);
    return asset;
  }

  /** A DELIVERY key reads only assets that live content shows: a draft's image is not its business. */
  async getFor(id: string, principal: Principal): Promise<AssetEntity> {
    const asset = await this.get(id);
    if (!canReadDrafts(principal) && !(await this.items.isAssetLive(id))) throw new NotFoundError(`No asset with id ${id}`);
    return asset;
  }

  list(first: number): Promise<AssetEntity[]> {
    return this.repository.list(Math.min(Math.max(first, 1), 100));
  }

  /** A rendition from the disk cache, made once when missing. */
  async rendition(id: string, profile: string, query: RenditionQuery): Promise<Rendition> {
    const request = parseRendition(this.processor.profiles, profile, query);
    const asset = await this.get(id);
    if (request.fit === 'cover') request.focal = { x: asset.focalX ?? 0.5, y: asset.focalY ?? 0.5 };
    const key = `${RENDITIONS_PREFIX}${asset.hash}/${createHash('sha256').update(JSON.stringify(request)).digest('hex').slice(0, 32)}`;
    let job = this.inFlight.get(key);
    if (!job) {
      job = this.loadOrMake(asset, key, request).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, job);
    }
    return job;
  }

  /** Refused while content still shows the image: an editor's message must never lose its picture silently. */
  async delete(id: string): Promise<AssetEntity> {
    const asset = await this.get(id);
    const users = await this.items.itemsShowingAsset(id);
    if (users.length > 0) {
      throw new ConflictError(`The asset is still used by ${users.length} item${users.length === 1 ? '' : 's'}: ${users.map((item) => `${item.slug} (${item.locale}, ${item.id})`).join(', ')}`, { items: users.map((item) => item.id) });
    }
    await this.repository.delete(id);
    return asset;
  }

  private renditionUrl(assetId: string, profile: string): string {
    return `${this.config.publicUrl}/assets/${assetId}/${profile}`;
  }

  /** Every profile's URL for one asset: `original` and each profile a channel declared. */
  renditionUrls(assetId: string): Record<string, string> {
    return Object.fromEntries(Object.keys(this.processor.profiles).map((profile) => [profile, this.renditionUrl(assetId, profile)]));
  }

  /** Counts a rendition file in the disk cache, deleting the least recently used past the limit. */
  private async remember(key: string, bytes: number): Promise<void> {
    for (const [evicted] of this.renditionFiles.set(key, bytes)) await this.storage.delete(evicted);
  }

  private async loadOrMake(asset: AssetEntity, key: string, request: RenditionRequest): Promise<Rendition> {
    const etag = `"${key.split('/').pop()}"`;
    const cached = await this.storage.get(key);
    if (cached) {
      if (this.renditionFiles.get(key) === undefined) await this.remember(key, cached.length);
      return { data: cached, mediaType: mediaTypeOf(cached), etag };
    }
    const original = await this.storage.get(asset.storageKey);
    if (!original) throw new NotFoundError(`The file of asset ${asset.id} is missing from storage`);
    if (Object.keys(request).length === 0) return { data: original, mediaType: asset.mediaType, etag };
    const made = await this.renditionWork.run(() => this.processor.render(original, request));
    await this.storage.put(key, made.data);
    await this.remember(key, made.data.length);
    return { data: made.data, mediaType: made.mediaType, etag };
  }
}


function parseRendition(profiles: Record<string, RenditionSpec>, profile: string, query: RenditionQuery): RenditionRequest {
  const base = Object.hasOwn(profiles, profile) ? profiles[profile] : undefined;
  if (!base) throw new BadUserInputError(`Unknown rendition profile "${profile}"; profiles: ${Object.keys(profiles).join(', ')}`, 'profile');
  const request: RenditionRequest = { ...base };
  for (const [name, key] of [['w', 'width'], ['h', 'height']] as const) {
    const raw = query[name];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (!(RENDITION_SIZES as readonly number[]).includes(value)) throw new BadUserInputError(`${name} must be one of ${RENDITION_SIZES.join(', ')}`, name);
    request[key] = value;
  }
  if (query.format !== undefined) {
    if (!FORMATS.includes(query.format as RenditionFormat)) throw new BadUserInputError(`format must be one of ${FORMATS.join(', ')}`, 'format');
    request.format = query.format as RenditionFormat;
  }
  if (query.fit !== undefined) {
    if (!FITS.includes(query.fit as RenditionFit)) throw new BadUserInputError(`fit must be one of ${FITS.join(', ')}`, 'fit');
    request.fit = query.fit as RenditionFit;
  }
  return request;
}

function mediaTypeOf(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xd8) return 'image/jpeg';
  if (data[0] === 0x89 && data.subarray(1, 4).toString() === 'PNG') return 'image/png';
  if (data.subarray(0, 4).toString() === 'RIFF' && data.subarray(8, 12).toString() === 'WEBP') return 'image/webp';
  if (data.subarray(0, 3).toString() === 'GIF') return 'image/gif';
  if (data.subarray(4, 8).toString() === 'ftyp') return 'image/avif';
  return 'application/octet-stream';
}
