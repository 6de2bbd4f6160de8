import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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
import { ContentStatus } from '../content/content.enums';
import { PendingVariantChange } from './channel-variant.entity';

/** A variant's editable state as its item's draft has it: a waiting change, or the live columns. */
function pendingOf(variant: ChannelVariantEntity): PendingVariantChange {
  return (
    variant.pending ?? {
      personaTags: variant.personaTags,
      locale: variant.locale,
      fields: variant.fields,
      experimentKey: variant.experimentKey,
      experimentWeight: variant.experimentWeight,
      label: variant.label,
      deleted: false,
    }
  );
}

/** The variant as its item's draft has it: a waiting change laid over the live columns. */
export function workingVariant(variant: ChannelVariantEntity): ChannelVariantEntity {
  if (!variant.pending) return variant;
  const { deleted, ...change } = variant.pending;
  return { ...variant, ...change, deletedAt: deleted ? variant.updatedAt : variant.deletedAt };
}

/** A live variant of a published item keeps its columns and waits with the change; any other variant changes at once. */
function settle(variant: ChannelVariantEntity, next: PendingVariantChange, waits: boolean): void {
  if (waits && variant.live) {
    variant.pending = next;
    return;
  }
  const { personaTags, locale, fields, experimentKey, experimentWeight, label } = next;
  Object.assign(variant, { personaTags, locale, fields, experimentKey, experimentWeight, label, pending: null });
}

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
    const waits = item.status === ContentStatus.PUBLISHED;
    const saved = await this.recordChange(item.id, (variant) => `variant ${variant.id} (${variant.channel}) created`, principal, waits, (manager) => this.variants.insert(manager, {
      live: !waits,
      pending: null,
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
    }));
    return saved;
  }

  async update(id: string, version: number, input: UpdateVariantInput, principal: Principal): Promise<ChannelVariantEntity> {
    const existing = await this.variants.findActive(id);
    if (!existing) throw new NotFoundError(`No channel variant with id ${id}`);
    const item = await this.contentItems.get(existing.itemId, principal);
    if (input.fields !== undefined) this.validate(item.model, existing.channel, input.fields);
    if (input.locale !== undefined) this.checkLocale(input.locale, item.locale);
    if (input.personaTags) await this.contentItems.checkPersonaTags(input.personaTags, 'input.personaTags');
    const waits = item.status === ContentStatus.PUBLISHED;
    const saved = await this.recordChange(item.id, (variant) => `variant ${variant.id} (${variant.channel}) changed`, principal, waits, (manager) => this.variants.update(manager, id, version, (variant) => {
      const next = { ...pendingOf(variant), deleted: false };
      if (input.personaTags !== undefined) next.personaTags = [...new Set(input.personaTags)];
      if (input.locale !== undefined) next.locale = input.locale;
      if (input.fields !== undefined) next.fields = input.fields;
      if (input.experiment !== undefined) {
        next.experimentKey = input.experiment?.key ?? null;
        next.experimentWeight = input.experiment?.weight ?? null;
      }
      if (input.label !== undefined) next.label = input.label;
      settle(variant, next, waits);
      variant.author = principal.name;
    }));
    return workingVariant(saved);
  }

  /** The row stays (nothing an editor saved is lost); it is no longer selected. Of a published item, once its draft is published. */
  async delete(id: string, version: number, principal: Principal): Promise<ChannelVariantEntity> {
    const existing = await this.variants.findActive(id);
    if (!existing) throw new NotFoundError(`No channel variant with id ${id}`);
    const waits = (await this.contentItems.get(existing.itemId, principal)).status === ContentStatus.PUBLISHED;
    const saved = await this.recordChange(existing.itemId, (variant) => `variant ${variant.id} (${variant.channel}) deleted`, principal, waits, (manager) => this.variants.update(manager, id, version, (variant) => {
      if (waits && variant.live) variant.pending = { ...pendingOf(variant), deleted: true };
      else variant.deletedAt = new Date();
      variant.author = principal.name;
    }));
    return workingVariant(saved);
  }

  /** The variants customers get: live, without changes waiting for the item's draft; for delivery. */
  liveFor(itemIds: readonly string[]): Promise<ChannelVariantEntity[]> {
    return this.variants.findLiveByItemIds(itemIds);
  }

  /** The variants as the item's draft has them (waiting ones included, waiting deletions left out); for previews and editors. */
  async workingFor(itemIds: readonly string[]): Promise<ChannelVariantEntity[]> {
    return (await this.variants.findByItemIds(itemIds)).filter((variant) => !variant.pending?.deleted).map(workingVariant);
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

  /** Writes the variant in the transaction that gives its item a new version, revision and `variant.changed` event, then tells every instance. */
  private async recordChange(
    itemId: string,
    change: (variant: ChannelVariantEntity) => string,
    principal: Principal,
    waitsForPublish: boolean,
    write: (manager: EntityManager) => Promise<ChannelVariantEntity>,
  ): Promise<ChannelVariantEntity> {
    const saved = await this.contentItems.recordVariantChange(itemId, change, principal, waitsForPublish, write);
    await this.changeFeed.publish(VARIANTS_CHANGED, { itemId });
    return saved;
  }
}
