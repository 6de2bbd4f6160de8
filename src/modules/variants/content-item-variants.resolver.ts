import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { groupInOrder, requestLoader } from '../../common/dataloader/request-loaders';
import { toChannelVariantModel } from './channel-variant.mapper';
import { ChannelVariantsRepository } from './channel-variants.repository';
import { ChannelVariantModel } from './channel-variant.model';
import { ContentItemModel } from '../content/models/content-item.model';

@Resolver(() => ContentItemModel)
export class ContentItemVariantsResolver {
  constructor(private readonly repository: ChannelVariantsRepository) {}

  /** Batched: a page of items loads all their variants in one query. */
  @ResolveField(() => [ChannelVariantModel], { description: 'Hand-written channel variants of this item' })
  async variants(@Parent() item: ContentItemModel, @Context() context: object): Promise<ChannelVariantModel[]> {
    const loader = requestLoader<string, ChannelVariantModel[]>(context, 'variantsByItem', async (itemIds) => {
      const rows = await this.repository.findByItemIds(itemIds);
      return groupInOrder(itemIds, rows.map(toChannelVariantModel), (variant) => variant.itemId);
    });
    return loader.load(item.id);
  }
}
