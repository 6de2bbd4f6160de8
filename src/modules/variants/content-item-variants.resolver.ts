import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { groupInOrder, requestLoader } from '../../common/dataloader/request-loaders';
import { toChannelVariantModel } from './channel-variant.mapper';
import { VariantsService } from './variants.service';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { canReadDrafts, Principal } from '../auth/principal';
import { ChannelVariantModel } from './channel-variant.model';
import { ContentItemModel } from '../content/models/content-item.model';

@Resolver(() => ContentItemModel)
export class ContentItemVariantsResolver {
  constructor(private readonly service: VariantsService) {}

  /** Batched: a page of items loads all their variants in one query. A DELIVERY key sees the live ones, editors the draft's. */
  @ResolveField(() => [ChannelVariantModel], { description: "Hand-written channel variants of this item (for PREVIEW and above, as the item's draft has them)" })
  async variants(@Parent() item: ContentItemModel, @Context() context: object, @CurrentPrincipal() principal: Principal): Promise<ChannelVariantModel[]> {
    const working = canReadDrafts(principal);
    const loader = requestLoader<string, ChannelVariantModel[]>(context, working ? 'workingVariantsByItem' : 'liveVariantsByItem', async (itemIds) => {
      const rows = working ? await this.service.workingFor(itemIds) : await this.service.liveFor(itemIds);
      return groupInOrder(itemIds, rows.map(toChannelVariantModel), (variant) => variant.itemId);
    });
    return loader.load(item.id);
  }
}
