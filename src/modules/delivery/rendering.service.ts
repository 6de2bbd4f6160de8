import { setImmediate as yieldToOtherRequests } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { approximateBytes } from '../../common/cache/approximate-size';
import { WeightedLru } from '../../common/cache/weighted-lru';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { servedProfiles } from '../../common/renditions/rendition-spec';
import { CustomerContext } from '../../common/customer-context';
import { BoundedWorkQueue } from '../../common/concurrency/bounded-work-queue';
import { CompiledRendering, DEFAULT_RENDER_COST, FillRendering, HEAVY_RENDER_COST, ImageRenditions, RenderedOutput } from '../channels/channel-renderer';
import { BrandsService } from '../brands/brands.service';
import { Brand } from '../channels/brand';
import { ChannelsService } from '../channels/channels.service';
import { ContentModelsService } from '../content-models/content-models.service';
import { extractRoles } from '../content-models/extract-roles';
import { MessageImage } from '../content-models/message-roles';
import { ChannelVariantEntity } from '../variants/channel-variant.entity';
import { ContentItemEntity } from '../content/entities/content-item.entity';
import { Tone } from '../personas/persona.types';
import { IMAGE_SOURCE, ImageSource } from './image-source';
import { RenderBudget } from './render-budget';

/** For a renderer that does not say what its compiled rendering keeps: its texts several times over (parsed templates, HTML, plain text). */
const COMPILED_TO_SOURCE = 4;
/** What a rendering is taken to weigh while it compiles. */
const COMPILING_WEIGHT = 16_384;
/** Print-sized renderings run one at a time per slot; more than this many waiting are refused as UNAVAILABLE. */
const HEAVY_RENDER_SLOTS = 2;
const HEAVY_RENDER_WAITING = 200;

/**
 * Turns a chosen (item version, variant, channel, tone) into a rendering: compiled once and
 * cached, with the channel's declared image renditions, then filled per recipient. Between
 * renderings the event loop serves other requests, and print-sized work queues for its slots.
 */
@Injectable()
export class RenderingService {
  /** Kept by (estimated) bytes; the least recently used go first. */
  private readonly compiledRenderings: WeightedLru<string, Promise<{ rendering: CompiledRendering; bytes: number }>>;
  private readonly heavyRenders = new BoundedWorkQueue(HEAVY_RENDER_SLOTS, HEAVY_RENDER_WAITING, 'rendering letters');

  constructor(
    private readonly channels: ChannelsService,
    private readonly contentModels: ContentModelsService,
    @Inject(IMAGE_SOURCE) private readonly images: ImageSource,
    private readonly brands: BrandsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.compiledRenderings = new WeightedLru(config.renderingCacheBytes, () => COMPILING_WEIGHT);
  }

  /** The channels that can render, for choosing one. */
  channelKeys(): string[] {
    return this.channels.keys();
  }

  /** Refuses an unknown channel with BAD_USER_INPUT before anything is chosen. */
  requireChannel(channel: string): void {
    this.channels.registry.get(channel);
  }

  /** `fill` decides where the recipient's rendering goes: by default its own output, for a campaign run's print batch into the print file. */
  async render(item: ContentItemEntity, variant: ChannelVariantEntity | null, channel: string, tone: Tone | null, context: CustomerContext, budget: RenderBudget, fillWith: FillRendering = fillAlone): Promise<RenderedOutput> {
    const compiled = await this.compiled(item, variant, channel, tone);
    await yieldToOtherRequests();
    budget.spend();
    const fill = () => fillWith(compiled, { attributes: context.attributes, now: context.now });
    return (this.channels.registry.get(channel).renderCost ?? DEFAULT_RENDER_COST) >= HEAVY_RENDER_COST ? this.heavyRenders.run(fill) : fill();
  }

  /**
   * Compiled once per (item version, variant version, channel, tone); only tokens are filled per
   * request. Versions are in the key, so an edit never meets a stale rendering: old ones age out.
   */
  private async compiled(item: ContentItemEntity, variant: ChannelVariantEntity | null, channel: string, tone: Tone | null): Promise<CompiledRendering> {
    const brand = await this.brands.resolve(item.theme, item.locale);
    const key = `${item.id}:${item.version}:${variant?.id ?? 'auto'}:${variant?.version ?? 0}:${channel}:${tone ?? '-'}:${brand.stamp}`;
    const compiled = this.compiledRenderings.get(key) ?? this.compiledRenderings.keepLoading(key, this.compile(item, variant, channel, tone, brand.brand), ({ bytes }) => bytes);
    return (await compiled).rendering;
  }

  private async compile(item: ContentItemEntity, variant: ChannelVariantEntity | null, channel: string, tone: Tone | null, brand: Brand): Promise<{ rendering: CompiledRendering; bytes: number }> {
    const renderer = this.channels.registry.get(channel);
    const model = this.contentModels.require(item.model);
    const fields = { ...item.fields, ...(variant?.fields ?? {}) };
    const overrides = Object.fromEntries(Object.entries(variant?.fields ?? {}).filter(([key]) => renderer.overrideKeys.includes(key)));
    const roles = extractRoles(model, fields);
    const image = await this.imageOf(roles.image, item.locale, renderer.printRendition);
    const rendering = await renderer.compile({
      itemId: item.id,
      itemVersion: item.version,
      locale: item.locale,
      roles: { ...roles, image: image.role },
      overrides,
      tone,
      images: image.renditions,
      printImage: image.print,
      config: this.channels.rendererConfig,
      brand,
    });
    return { rendering, bytes: (rendering.approximateBytes ?? COMPILED_TO_SOURCE * approximateBytes(fields)) + (image.print?.byteLength ?? 0) };
  }

  /** A stored asset gives every channel its own rendition URL (and a print renderer its declared rendition's bytes); a plain URL serves all. */
  private async imageOf(image: MessageImage | undefined, locale: string, printRendition: string | undefined): Promise<{ role: MessageImage | undefined; renditions: ImageRenditions; print?: Buffer }> {
    if (!image?.assetId) {
      const profiles = Object.keys(servedProfiles(this.channels.renditionProfiles()));
      return { role: image, renditions: image?.url ? Object.fromEntries(profiles.map((profile) => [profile, image.url])) : {} };
    }
    const asset = await this.images.get(image.assetId);
    const alt = image.alt ?? asset.alt[locale] ?? asset.alt[locale.split('-')[0]] ?? Object.values(asset.alt)[0];
    const print = printRendition ? (await this.images.rendition(asset.id, printRendition, {})).data : undefined;
    return { role: { ...image, alt }, renditions: this.images.renditionUrls(asset.id), print };
  }
}

const fillAlone: FillRendering = (rendering, recipient) => rendering.fill(recipient);
