import { Inject, Injectable } from '@nestjs/common';
import { CustomerAttributes, CustomerContext } from '../../common/customer-context';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../common/errors/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AssetsService } from '../assets/assets.service';
import { canReadDrafts, Principal } from '../auth/principal';
import { CompiledRendering, DEFAULT_RENDER_COST, HEAVY_RENDER_COST, ImageRenditions, RenderedOutput } from '../channels/channel-renderer';
import { ContentModelsService } from '../content-models/content-models.service';
import { extractRoles } from '../content-models/extract-roles';
import { MessageImage } from '../content-models/message-roles';
import { fromSnapshotMetadata } from '../content/content-metadata';
import { ContentItemsRepository } from '../content/content-items.repository';
import { ContentItemsService } from '../content/content-items.service';
import { ContentStatus } from '../content/content.enums';
import { ChannelVariantEntity } from '../content/entities/channel-variant.entity';
import { ContentItemEntity } from '../content/entities/content-item.entity';
import { PersonaEntity } from '../personas/persona.entity';
import { PersonasService } from '../personas/personas.service';
import { Tone } from '../personas/persona.types';
import { chooseChannel, ChannelChoice } from '../selection/choose-channel';
import { chooseVariant } from '../selection/choose-variant';
import { Explanation } from '../selection/explanation';
import { localeFallbackChain, normalizeLocale } from '../selection/locale-chain';
import { Exclusion, explainRanking, rankCandidates, RankedCandidate, SelectionCriteria, summarizeExclusions, whyExcluded } from '../selection/rank-candidates';
import { MatchedPersona, PersonaResolution, resolvePersonas } from '../selection/resolve-personas';
import { ChannelsService } from '../channels/channels.service';
import { BoundedWorkQueue } from '../../common/concurrency/bounded-work-queue';
import { setImmediate as yieldToOtherRequests } from 'node:timers/promises';
import { CatalogEntry, DeliveryCatalog } from './delivery-catalog.service';
import { CustomerContextInput } from './graphql/customer-context.input';
import { PersonalizeInput } from './graphql/personalize.input';
import { RenderBudget } from './render-budget';

/** Print-sized renderings run one at a time per slot; more than this many waiting are refused as UNAVAILABLE. */
const HEAVY_RENDER_SLOTS = 2;
const HEAVY_RENDER_WAITING = 200;
/** A channel app's clock may run a little ahead of the hub's. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** A context's attributes are a customer's profile, not a payload: bounded in size and depth. */
const MAX_ATTRIBUTES_BYTES = 16_384;
const MAX_ATTRIBUTES_DEPTH = 8;

/** Compiled renderings kept in memory; the least recently used go first. */
const MAX_COMPILED = 2_000;

/** One rendered variant with everything the API returns about it. */
export interface PersonalizedVariant extends Omit<RenderedOutput, 'parts'> {
  channel: string;
  itemId: string;
  itemVersion: number;
  locale: string;
  variantId: string | null;
  explanation: Explanation;
  parts: Record<string, unknown>;
  [part: string]: unknown;
}


/**
 * From a customer context to one rendered, explained variant. Selection is pure
 * (src/modules/selection); this service feeds it from the delivery catalog and renders the winner
 * with renderings compiled once per (item version, variant, channel, tone).
 */
@Injectable()
export class PersonalizeService {
  private readonly compiledRenderings = new Map<string, Promise<CompiledRendering>>();
  private readonly heavyRenders = new BoundedWorkQueue(HEAVY_RENDER_SLOTS, HEAVY_RENDER_WAITING, 'rendering letters');

  constructor(
    private readonly catalog: DeliveryCatalog,
    private readonly personas: PersonasService,
    private readonly channels: ChannelsService,
    private readonly contentModels: ContentModelsService,
    private readonly items: ContentItemsRepository,
    private readonly contentItems: ContentItemsService,
    private readonly assets: AssetsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async personalize(input: PersonalizeInput, principal: Principal, budget: RenderBudget): Promise<PersonalizedVariant> {
    // GraphQL lets a client send null for an optional field: null is "not given".
    if ((input.itemId == null) === (input.selector == null)) {
      throw new BadUserInputError('Give either input.itemId or input.selector', input.itemId ? 'input.selector' : 'input.itemId');
    }
    const preview = this.checkPreview(input, principal);
    if (input.channel) this.channels.registry.get(input.channel);
    const context = normalizeContext(input.context);
    const entries = input.itemId ? [await this.entryForItem(input.itemId, preview, input.revision)] : await this.catalog.select(input.selector!);
    return this.personalizeAmong(entries, input.channel, context, await this.resolve(context), preview, input.itemId != null, budget);
  }

  /** Every channel the item allows and the customer consented to, each through the same selection. */
  async renderAll(itemId: string, contextInput: CustomerContextInput, previewRequested: boolean, revision: number | undefined, principal: Principal, budget: RenderBudget): Promise<PersonalizedVariant[]> {
    const preview = this.checkPreview({ preview: previewRequested, revision, itemId, context: contextInput }, principal);
    const context = normalizeContext(contextInput);
    const entry = await this.entryForItem(itemId, preview, revision);
    const channels = this.channels.registry.keys().filter((channel) => context.consents.includes(channel) && (entry.item.channels.length === 0 || entry.item.channels.includes(channel)));
    const resolution = await this.resolve(context);
    const results: PersonalizedVariant[] = [];
    for (const channel of channels) results.push(await this.personalizeAmong([entry], channel, context, resolution, preview, true, budget));
    return results;
  }

  private async resolve(context: CustomerContext): Promise<PersonaResolution<PersonaEntity>> {
    return resolvePersonas(context.personas, context.attributes, await this.personas.list());
  }

  private async personalizeAmong(
    entries: CatalogEntry[],
    requestedChannel: string | undefined,
    context: CustomerContext,
    resolution: PersonaResolution<PersonaEntity>,
    preview: boolean,
    byId: boolean,
    budget: RenderBudget,
  ): Promise<PersonalizedVariant> {
    const personaKeys = resolution.matched.map((match) => match.persona.key);
    const localeChain = localeFallbackChain(context.locale, this.config.defaultLocale);
    const byItemId = new Map(entries.map((entry) => [entry.item.id, entry]));
    const criteria: SelectionCriteria = { personas: personaKeys, localeChain, channel: requestedChannel ?? null, journeyStage: context.journeyStage ?? null, now: context.now, includeDrafts: preview };
    const ranked = rankCandidates(
      entries.map((entry) => entry.item),
      criteria,
    );
    if (ranked.length === 0) throw new NotFoundError(this.describeNoMatch(entries, byId, criteria));

    let refusal: BadUserInputError | null = null;
    for (let index = 0; index < ranked.length; index += 1) {
      const candidate = ranked[index];
      let channelChoice: ChannelChoice;
      try {
        channelChoice = chooseChannel({
          requested: requestedChannel,
          consents: context.consents,
          itemChannels: candidate.item.channels,
          registered: this.channels.registry.keys(),
          personas: resolution.matched.map((match) => match.persona),
        });
      } catch (error) {
        if (!(error instanceof BadUserInputError) || requestedChannel) throw error;
        refusal ??= error;
        continue;
      }
      const entry = byItemId.get(candidate.item.id)!;
      const rendered = await this.render(entry, candidate, ranked[index + 1], channelChoice, resolution.matched, localeChain, context, budget);
      rendered.warnings.push(...resolution.warnings);
      return rendered;
    }
    throw refusal!;
  }

  private async render(
    entry: CatalogEntry,
    winner: RankedCandidate<ContentItemEntity>,
    runnerUp: RankedCandidate<ContentItemEntity> | undefined,
    channelChoice: ChannelChoice,
    matched: MatchedPersona<PersonaEntity>[],
    localeChain: string[],
    context: CustomerContext,
    budget: RenderBudget,
  ): Promise<PersonalizedVariant> {
    const { item } = entry;
    const { channel } = channelChoice;
    const choice = chooseVariant(entry.variants, { channel, locale: item.locale, personas: matched.map((match) => match.persona.key), customerId: context.customerId });
    const tone = toneFor(matched, choice.variant);
    const compiled = await this.compiled(entry, choice.variant, channel, tone);
    // Between renderings the event loop serves other requests (/health, cheap reads); print-sized work queues for its slots.
    await yieldToOtherRequests();
    budget.spend();
    const fill = () => compiled.fill({ attributes: context.attributes, now: context.now });
    const output = (this.channels.registry.get(channel).renderCost ?? DEFAULT_RENDER_COST) >= HEAVY_RENDER_COST ? await this.heavyRenders.run(fill) : await fill();
    const fallback = localeChain.indexOf(item.locale) > 0 ? localeChain.slice(0, localeChain.indexOf(item.locale) + 1).join(' → ') : null;
    const explanation: Explanation = {
      personas: matched.map((match) => match.persona.key),
      personaMatches: matched.map((match) => ({ persona: match.persona.key, via: match.via })),
      locale: item.locale,
      localeFallback: fallback,
      experiment: choice.experiment,
      arm: choice.arm === null ? null : choice.assignment === 'random' ? `${choice.arm} (random: no customerId)` : choice.arm,
      channelReason: channelChoice.reason,
      winnerScore: winner.score,
      runnerUpScore: runnerUp?.score ?? null,
      reason: `${explainRanking(winner, runnerUp, localeChain)}; ${choice.variant ? `hand-written ${channel} variant${choice.experiment ? ` (experiment ${choice.experiment}, arm ${choice.arm})` : ''}` : `rendered automatically for ${channel}`}`,
    };
    const { pdf: _pdf, ...parts } = output.parts;
    return { ...parts, parts, channel, itemId: item.id, itemVersion: item.version, locale: item.locale, variantId: choice.variant?.id ?? null, text: output.text, warnings: output.warnings, metrics: output.metrics, explanation };
  }

  /**
   * Compiled once per (item version, variant version, channel, tone); only tokens are filled per
   * request. Versions are in the key, so an edit never meets a stale rendering: old ones age out.
   */
  private compiled(entry: CatalogEntry, variant: ChannelVariantEntity | null, channel: string, tone: Tone | null): Promise<CompiledRendering> {
    const key = `${entry.item.id}:${entry.item.version}:${variant?.id ?? 'auto'}:${variant?.version ?? 0}:${channel}:${tone ?? '-'}`;
    let compiled = this.compiledRenderings.get(key);
    if (compiled) {
      this.compiledRenderings.delete(key);
    } else {
      compiled = this.compile(entry.item, variant, channel, tone);
      compiled.catch(() => this.compiledRenderings.delete(key));
      if (this.compiledRenderings.size >= MAX_COMPILED) this.compiledRenderings.delete(this.compiledRenderings.keys().next().value as string);
    }
    this.compiledRenderings.set(key, compiled);
    return compiled;
  }

  private async compile(item: ContentItemEntity, variant: ChannelVariantEntity | null, channel: string, tone: Tone | null): Promise<CompiledRendering> {
    const renderer = this.channels.registry.get(channel);
    const model = this.contentModels.require(item.model);
    const fields = { ...item.fields, ...(variant?.fields ?? {}) };
    const overrides = Object.fromEntries(Object.entries(variant?.fields ?? {}).filter(([key]) => renderer.overrideKeys.includes(key)));
    const roles = extractRoles(model, fields);
    const image = await this.imageOf(roles.image, item.locale, renderer.printRendition);
    return renderer.compile({
      itemId: item.id,
      itemVersion: item.version,
      locale: item.locale,
      roles: { ...roles, image: image.role },
      overrides,
      tone,
      images: image.renditions,
      printImage: image.print,
      config: this.channels.rendererConfig,
    });
  }

  /** A stored asset gives every channel its own rendition URL (and a print renderer its declared rendition's bytes); a plain URL serves all. */
  private async imageOf(image: MessageImage | undefined, locale: string, printRendition: string | undefined): Promise<{ role: MessageImage | undefined; renditions: ImageRenditions; print?: Buffer }> {
    if (!image?.assetId) {
      const profiles = ['original', ...Object.keys(this.channels.renditionProfiles())];
      return { role: image, renditions: image?.url ? Object.fromEntries(profiles.map((profile) => [profile, image.url])) : {} };
    }
    const asset = await this.assets.get(image.assetId);
    const alt = image.alt ?? asset.alt[locale] ?? asset.alt[locale.split('-')[0]] ?? Object.values(asset.alt)[0];
    const print = printRendition ? (await this.assets.rendition(asset.id, printRendition, {})).data : undefined;
    return { role: { ...image, alt }, renditions: this.assets.renditionUrls(asset.id), print };
  }

  private checkPreview(input: { preview?: boolean; revision?: number; itemId?: string; context?: { now?: Date } }, principal: Principal): boolean {
    const preview = input.preview === true;
    if (preview && !canReadDrafts(principal)) throw new ForbiddenError('Previewing drafts needs a PREVIEW, EDITOR or ADMIN key');
    // Looking ahead would show a DELIVERY key what is scheduled; previews may.
    if (!canReadDrafts(principal) && input.context?.now && input.context.now.getTime() > Date.now() + CLOCK_SKEW_MS) {
      throw new ForbiddenError('A DELIVERY key may not set context.now in the future; use a PREVIEW key to look ahead', { path: 'input.context.now' });
    }
    if (input.revision !== undefined && (!preview || !input.itemId)) throw new BadUserInputError('input.revision needs itemId and preview: true', 'input.revision');
    return preview;
  }

  private async entryForItem(itemId: string, preview: boolean, revision: number | undefined): Promise<CatalogEntry> {
    if (!preview) {
      const entry = await this.catalog.published(itemId);
      if (!entry) throw new NotFoundError(`No published content item with id ${itemId}`);
      return entry;
    }
    const item = await this.items.findById(itemId);
    if (!item) throw new NotFoundError(`No content item with id ${itemId}`);
    if (revision === undefined || revision === item.version) return this.catalog.uncached(item);
    const { snapshot } = await this.contentItems.revision(itemId, revision);
    const old: ContentItemEntity = {
      ...item,
      version: revision,
      slug: snapshot.slug,
      fields: snapshot.fields,
      status: snapshot.status === ContentStatus.ARCHIVED ? ContentStatus.DRAFT : (snapshot.status as ContentStatus),
      ...fromSnapshotMetadata(snapshot.metadata),
    };
    return this.catalog.uncached(old);
  }

  /** Which rule kept each candidate out, in words that name no dates (a DELIVERY key must not learn a schedule). */
  private describeNoMatch(entries: CatalogEntry[], byId: boolean, criteria: SelectionCriteria): string {
    const where = `for locale ${criteria.localeChain.join(' → ')}${criteria.channel ? ` on ${criteria.channel}` : ''}`;
    const exclusions = entries.map((entry) => whyExcluded(entry.item, criteria)).filter((exclusion): exclusion is Exclusion => exclusion !== null);
    if (byId && entries.length === 1) {
      const { item } = entries[0];
      const personas = criteria.personas.length ? criteria.personas.join(', ') : 'no persona';
      return `No published content matches ${where}: item ${item.id} is ${summarizeExclusions(exclusions).replace(/^1 /, '')}${exclusions[0]?.rule === 'personas' ? `, and the customer matches ${personas}` : ''}`;
    }
    if (entries.length === 0) return `No published content matches this selector ${where}: no message has these selector values`;
    return `No published content matches this selector ${where}: of ${entries.length} candidate${entries.length === 1 ? '' : 's'}, ${summarizeExclusions(exclusions)}`;
  }
}

function normalizeContext(input: CustomerContextInput): CustomerContext {
  checkAttributes(input.attributes);
  return {
    customerId: input.customerId,
    personas: input.personas ?? [],
    attributes: (input.attributes ?? {}) as CustomerAttributes,
    locale: input.locale ? normalizeLocale(input.locale) : undefined,
    consents: input.consents ?? [],
    journeyStage: input.journeyStage,
    now: input.now ?? new Date(),
  };
}

function checkAttributes(attributes: unknown): void {
  if (attributes === undefined || attributes === null) return;
  if (typeof attributes !== 'object' || Array.isArray(attributes)) throw new BadUserInputError('context.attributes must be an object', 'input.context.attributes');
  if (depthOf(attributes, MAX_ATTRIBUTES_DEPTH + 1) > MAX_ATTRIBUTES_DEPTH) {
    throw new BadUserInputError(`context.attributes is nested more than ${MAX_ATTRIBUTES_DEPTH} levels deep`, 'input.context.attributes');
  }
  const bytes = Buffer.byteLength(JSON.stringify(attributes));
  if (bytes > MAX_ATTRIBUTES_BYTES) {
    throw new BadUserInputError(`context.attributes is ${bytes} bytes; the limit is ${MAX_ATTRIBUTES_BYTES}`, 'input.context.attributes', { limit: MAX_ATTRIBUTES_BYTES });
  }
}

/** How deep a JSON value nests, counting no further than `stopAt`. */
function depthOf(value: unknown, stopAt: number): number {
  if (typeof value !== 'object' || value === null || stopAt === 0) return 0;
  let deepest = 0;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, stopAt - 1));
    if (deepest + 1 >= stopAt) break;
  }
  return deepest + 1;
}

/** The voice of the persona the variant was written for, else of the first matched persona. */
function toneFor(matched: MatchedPersona<PersonaEntity>[], variant: ChannelVariantEntity | null): Tone | null {
  const target = variant?.personaTags.length ? matched.find((match) => variant.personaTags.includes(match.persona.key)) : undefined;
  return (target ?? matched[0])?.persona.tone ?? null;
}
