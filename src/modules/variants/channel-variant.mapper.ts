import { ChannelVariantEntity } from './channel-variant.entity';
import { ChannelVariantModel } from './channel-variant.model';

export function toChannelVariantModel(variant: ChannelVariantEntity): ChannelVariantModel {
  return {
    id: variant.id,
    itemId: variant.itemId,
    channel: variant.channel,
    personaTags: variant.personaTags,
    locale: variant.locale,
    fields: variant.fields,
    experiment: variant.experimentKey ? { key: variant.experimentKey, weight: variant.experimentWeight ?? 1 } : null,
    label: variant.label,
    version: variant.version,
    live: variant.live,
    hasPendingChange: variant.pending !== null,
    author: variant.author,
    createdAt: variant.createdAt,
    updatedAt: variant.updatedAt,
  };
}
