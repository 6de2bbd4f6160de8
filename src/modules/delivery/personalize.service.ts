import { Inject, Injectable } from '@nestjs/common';
import { CustomerContext } from '../../common/customer-context';
import { BadUserInputError, DomainError, NotFoundError } from '../../common/errors/domain-errors';
import { validateElement } from '../../common/pipes/validation.pipe';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Principal } from '../auth/principal';
import { FillRendering, RenderedOutput } from '../channels/channel-renderer';
import { ChannelVariantEntity } from '../variants/channel-variant.entity';
import { PersonaEntity } from '../personas/persona.entity';
import { Tone } from '../personas/persona.types';
import { chooseChannel, ChannelChoice } from '../selection/choose-channel';
import { chooseVariant } from '../selection/choose-variant';
import { Explanation, explainSelection } from '../selection/explanation';
import { localeFallbackChain } from '../selection/locale-chain';
import { describeNoMatch, rankCandidates, SelectionCriteria } from '../selection/rank-candidates';
import { MatchedPersona } from '../selection/resolve-personas';
import { CatalogEntry, DeliveryCatalog } from './delivery-catalog.service';
import { CustomerProfile, CustomerProfiles } from './customer-profiles.service';
import { checkPreview, normalizeContext } from './delivery-policy';
import { CustomerContextInput } from './graphql/customer-context.input';
import { PersonalizeInput } from './graphql/personalize.input';
import { RenderBudget } from './render-budget';
import { RenderingService } from './rendering.service';
import { DeliveryTokensService } from '../delivery-tokens/delivery-tokens.service';

/** One rendered variant with everything the API returns about it. */
export interface PersonalizedVariant extends Omit<RenderedOutput, 'parts'> {
  channel: string;
  itemId: string;
  itemVersion: number;
  locale: string;
  variantId: string | null;
  explanation: Explanation;
  /** Signed: names item, version, variant, arm, channel, locale, personas and customer, for touchpoints. */
  deliveryToken: string;
  parts: Record<string, unknown>;
  [part: string]: unknown;
}

/** One answer of a batch: the rendering, or why this one request could not be answered. */
export interface PersonalizeOutcome {
  variant: PersonalizedVariant | null;
  error: { code: string; message: string; path: string | null } | null;
}

/**
 * From a customer context to one rendered, explained variant: feeds the pure selection
 * (src/modules/selection) from the delivery catalog, and hands the winner to the rendering service.
 */
@Injectable()
export class PersonalizeService {
  constructor(
    private readonly catalog: DeliveryCatalog,
    private readonly profiles: CustomerProfiles,
    private readonly rendering: RenderingService,
    private readonly tokens: DeliveryTokensService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `fill` is for campaign runs that render into a print file (see RenderingService.render). */
  async personalize(input: PersonalizeInput, principal: Principal, budget: RenderBudget, fill?: FillRendering): Promise<PersonalizedVariant> {
    // GraphQL lets a client send null for an optional field: null is "not given".
    if ((input.itemId == null) === (input.selector == null)) {
      throw new BadUserInputError('Give either input.itemId or input.selector', input.itemId ? 'input.selector' : 'input.itemId');
    }
    const preview = checkPreview(input, principal);
    if (input.channel) this.rendering.requireChannel(input.channel);
    const context = normalizeContext(input.context);
    const entries = input.itemId ? await this.entriesForItem(input.itemId, preview, input.revision) : await this.catalog.select(input.selector!);
    return this.personalizeAmong(entries, input.channel, context, await this.profiles.profile(context), preview, input.itemId != null, budget, fill);
  }

  /**
   * Many customers in one call, answered in order, each with its rendering or its own error: one
   * customer's missing consent does not fail the others. A fault that is not the request's is thrown.
   */
  async personalizeMany(requests: unknown[], principal: Principal, budget: RenderBudget): Promise<PersonalizeOutcome[]> {
    if (requests.length > this.config.maxBatch) {
      throw new BadUserInputError(`requests has ${requests.length} entries; one call may have at most ${this.config.maxBatch}`, 'requests', { limit: this.config.maxBatch });
    }
    const inputs = await Promise.all(requests.map((request, index) => validateElement(PersonalizeInput, request, `requests[${index}]`).catch(domainErrorOnly)));
    // The items the requests name load together (one query each for items, variants and families), not one request at a time.
    await this.catalog.prefetch(inputs.flatMap((input) => (input instanceof DomainError || input.itemId == null ? [] : [input.itemId])));
    const outcomes: PersonalizeOutcome[] = [];
    for (const input of inputs) {
      const variant = input instanceof DomainError ? input : await this.personalize(input, principal, budget).catch(domainErrorOnly);
      outcomes.push(variant instanceof DomainError ? { variant: null, error: { code: variant.code, message: variant.message, path: typeof variant.details.path === 'string' ? variant.details.path : null } } : { variant, error: null });
    }
    return outcomes;
  }

  /** Every channel the item allows and the customer consented to, each through the same selection. */
  async renderAll(itemId: string, contextInput: CustomerContextInput, previewRequested: boolean, revision: number | undefined, principal: Principal, budget: RenderBudget): Promise<PersonalizedVariant[]> {
    const preview = checkPreview({ preview: previewRequested, revision, itemId, context: contextInput }, principal);
    const context = normalizeContext(contextInput);
    const entry = await this.entryForItem(itemId, preview, revision);
    const channels = this.rendering.channelKeys().filter((channel) => context.consents.includes(channel) && (entry.item.channels.length === 0 || entry.item.channels.includes(channel)));
    const profile = await this.profiles.profile(context);
    const results: PersonalizedVariant[] = [];
    for (const channel of channels) results.push(await this.personalizeAmong([entry], channel, context, profile, preview, true, budget));
    return results;
  }

  private async personalizeAmong(
    entries: CatalogEntry[],
    requestedChannel: string | undefined,
    context: CustomerContext,
    { resolution, answeredThemes }: CustomerProfile,
    preview: boolean,
    byId: boolean,
    budget: RenderBudget,
    fill?: FillRendering,
  ): Promise<PersonalizedVariant> {
    const personaKeys = resolution.matched.map((match) => match.persona.key);
    const localeChain = localeFallbackChain(context.locale, this.config.defaultLocale);
    const criteria: SelectionCriteria = { personas: personaKeys, localeChain, channel: requestedChannel ?? null, journeyStage: context.journeyStage ?? null, now: context.now, includeDrafts: preview, answeredThemes };
    const ranked = rankCandidates(
      entries.map((entry) => entry.item),
      criteria,
    );
    if (ranked.length === 0) throw new NotFoundError(describeNoMatch(entries.map((entry) => entry.item), byId, criteria));

    const concluded = await this.catalog.concludedExperiments();
    let refusal: BadUserInputError | null = null;
    for (let index = 0; index < ranked.length; index += 1) {
      const winner = ranked[index];
      let channel: ChannelChoice;
      try {
        channel = chooseChannel({
          requested: requestedChannel,
          consents: context.consents,
          itemChannels: winner.item.channels,
          registered: this.rendering.channelKeys(),
          personas: resolution.matched.map((match) => match.persona),
        });
      } catch (error) {
        if (!(error instanceof BadUserInputError) || requestedChannel) throw error;
        refusal ??= error;
        continue;
      }
      // Usually the first candidate wins: one scan for it costs less than indexing a selector's hundred entries.
      const { item, variants } = entries.find((entry) => entry.item === winner.item)!;
      const variant = chooseVariant(variants, { channel: channel.channel, locale: item.locale, personas: personaKeys, customerId: context.customerId, concluded });
      const explanation = explainSelection({ matched: resolution.matched, localeChain, winner, runnerUp: ranked[index + 1], channel, variant });
      const deliveryToken = this.tokens.signRendering(item, variant, { channel: channel.channel, personas: personaKeys, customerId: context.customerId ?? null });
      // Rendering comes last: a letter drawn into a print file is there for good, so nothing after it may fail.
      const output = await this.rendering.render(item, variant.variant, channel.channel, toneFor(resolution.matched, variant.variant), context, budget, fill);
      return {
        ...output.parts,
        parts: output.parts,
        channel: channel.channel,
        itemId: item.id,
        itemVersion: item.version,
        locale: item.locale,
        variantId: variant.variant?.id ?? null,
        text: output.text,
        warnings: [...output.warnings, ...resolution.warnings],
        metrics: output.metrics,
        explanation,
        deliveryToken,
      };
    }
    throw refusal!;
  }

  /** By id the message is served in the customer's locale: the item's published translations compete with it (a preview shows the item itself). */
  private async entriesForItem(itemId: string, preview: boolean, revision: number | undefined): Promise<CatalogEntry[]> {
    if (preview) return [await this.catalog.asOfRevision(itemId, revision)];
    const family = await this.catalog.family(itemId);
    if (family.length === 0) throw new NotFoundError(`No published content item with id ${itemId}`);
    return family;
  }

  private async entryForItem(itemId: string, preview: boolean, revision: number | undefined): Promise<CatalogEntry> {
    if (!preview) {
      const entry = await this.catalog.published(itemId);
      if (!entry) throw new NotFoundError(`No published content item with id ${itemId}`);
      return entry;
    }
    return this.catalog.asOfRevision(itemId, revision);
  }
}

/** A request's own mistake is its answer; anything else (a lost database) fails the whole call. */
function domainErrorOnly(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  throw error;
}

/** The voice of the persona the variant was written for, else of the first matched persona. */
function toneFor(matched: MatchedPersona<PersonaEntity>[], variant: ChannelVariantEntity | null): Tone | null {
  const target = variant?.personaTags.length ? matched.find((match) => variant.personaTags.includes(match.persona.key)) : undefined;
  return (target ?? matched[0])?.persona.tone ?? null;
}
