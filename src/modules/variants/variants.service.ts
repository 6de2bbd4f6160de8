import { Injectable } from '@nestjs/common';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-errors';
import { ChangeTopic } from '../../database/change-topics';
import { ChangeFeed } from '../../database/change-feed.service';
import { Principal } from '../auth/principal';
import { checkTokens } from '../channels/personalisation/liquid-sandbox';
import { ContentModelsService } from '../content-models/content-models.service';
import { ChannelVariantsRepository } from './channel-variants.repository';
import { ContentItemsService } from '../content/content-items.service';
import { ChannelVariantEntity } from './channel-variant.entity';
import { ChannelsService } from '../channels/channels.service';
import { CreateVariantInput, UpdateVariantInput } from './variant.inputs';

/** Published on the change feed when a variant is created, changed or deleted: caches of every instance drop the item's variants. */
export const VARIANTS_CHANGED = 'channel-variants-changed' satisfies ChangeTopic;

/**
 * Hand-written channel variants. They are checked against the channel's hard rules when saved, so
 * an editor learns at once that a tweet is too long, not when it fails to send.
 */
@Injectable()
export class VariantsService {
  constructor(
    private readonly variants: ChannelVariantsRepository,
    private readonly contentItems: ContentItemsService,
    private readonly contentModels: ContentModelsService,
    private readonly channels: ChannelsService,
    private readonly changeFeed: ChangeFeed,
  ) {}

  async create(input: CreateVariantInput, principal: Principal): Promise<ChannelVariantEntity> {
    const item = await this.contentItems.get(input.itemId, principal);
    this.validate(item.model, input.channel, input.fields);
    this.checkLocale(input.locale ?? null, item.locale);
    if (item.channels.length > 0 && !item.channels.includes(input.channel)) {
      throw new BadUserInputError(`Item ${item.id} is only for ${item.channels.join(', ')}; a ${input.channel} variant of it would never be sent`, 'input.channel');
    }
    await this.contentItems.checkPersonaTags(input.personaTags ?? [], 'input.personaTags');
    const saved = await this.variants.insert({
      itemId: item.id,
      channel: input.channel,
      personaTags: [...new Set(input.personaTags ?? [])],
      locale: input.locale ?? null,
      fields: input.fields,
      experimentKey: input.experiment?.key ?? null,
      experimentWeight: input.experiment?.weight ?? null,
      label: input.label ?? null,
      version: 1,
      author: principal.name,
    });
    await this.announce(saved, `variant ${saved.id} (${saved.channel}) created`, principal);
    return saved;
  }

  async update(id: string, version: number, input: UpdateVariantInput, principal: Principal): Promise<ChannelVariantEntity> {
    const existing = await this.variants.findActive(id);
    if (!existing) throw new NotFoundError(`No channel variant with id ${id}`);
    const item = await this.contentItems.get(existing.itemId, principal);
    if (input.fields !== undefined) this.validate(item.model, existing.channel, input.fields);
    if (input.locale !== undefined) this.checkLocale(input.locale, item.locale);
    if (input.personaTags) await this.contentItems.checkPersonaTags(input.personaTags, 'input.personaTags');
    const saved = await this.variants.update(id, version, (variant) => {
      if (input.personaTags !== undefined) variant.personaTags = [...new Set(input.personaTags)];
      if (input.locale !== undefined) variant.locale = input.locale;
      if (input.fields !== undefined) variant.fields = input.fields;
      if (input.experiment !== undefined) {
        variant.experimentKey = input.experiment?.key ?? null;
        variant.experimentWeight = input.experiment?.weight ?? null;
      }
      if (input.label !== undefined) variant.label = input.label;
      variant.author = principal.name;
    });
    await this.announce(saved, `variant ${saved.id} (${saved.channel}) changed`, principal);
    return saved;
  }

  /** The row stays (nothing an editor saved is lost); it is no longer selected. */
  async delete(id: string, version: number, principal: Principal): Promise<ChannelVariantEntity> {
    const saved = await this.variants.update(id, version, (variant) => {
      variant.deletedAt = new Date();
      variant.author = principal.name;
    });
    await this.announce(saved, `variant ${saved.id} (${saved.channel}) deleted`, principal);
    return saved;
  }

  /** The live (not deleted) variants of these items, for delivery. */
  liveFor(itemIds: readonly string[]): Promise<ChannelVariantEntity[]> {
    return this.variants.findByItemIds(itemIds);
  }

  /** Live variants that are experiment arms: of experiment `key`, or of every experiment when null. */
  experimentArms(key: string | null): Promise<ChannelVariantEntity[]> {
    return this.variants.findExperimentArms(key);
  }

  private validate(modelKey: string, channel: string, fields: Record<string, unknown>): void {
    const renderer = this.channels.registry.get(channel);
    const model = this.contentModels.require(modelKey);
    const modelFields = new Set(model.fields.map((field) => field.key));
    const unknown = Object.keys(fields).filter((key) => !modelFields.has(key) && !renderer.overrideKeys.includes(key));
    if (unknown.length > 0) {
      const allowed = [...renderer.overrideKeys, ...modelFields].join(', ');
      throw new BadUserInputError(`input.fields.${unknown[0]} is neither a field of model "${model.key}" nor a ${channel} override (allowed: ${allowed})`, `input.fields.${unknown[0]}`);
    }
    const modelValues = Object.fromEntries(Object.entries(fields).filter(([key]) => modelFields.has(key)));
    this.contentModels.validate({ ...model, fields: model.fields.filter((field) => field.key in modelValues).map((field) => ({ ...field, required: false })) }, modelValues, 'input.fields');
    for (const [key, value] of Object.entries(fields)) if (typeof value === 'string') checkTokens(value, `input.fields.${key}`);
    renderer.validateOverride(fields, this.channels.rendererConfig);
  }

  private checkLocale(locale: string | null, itemLocale: string): void {
    if (locale !== null && locale !== itemLocale) {
      throw new BadUserInputError(`The variant's locale ${locale} differs from its item's locale ${itemLocale}; write the variant on the ${locale} item`, 'input.locale');
    }
  }

  private async announce(variant: ChannelVariantEntity, change: string, principal: Principal): Promise<void> {
    await this.contentItems.recordVariantChange(variant.itemId, change, principal);
    await this.changeFeed.publish(VARIANTS_CHANGED, { itemId: variant.itemId });
  }
}
