import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { UuidPipe } from '../../common/pipes/uuid.pipe';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { ChannelsService } from '../channels/channels.service';
import { ChannelModel } from './graphql/channel.model';
import { CustomerContextInput } from './graphql/customer-context.input';
import { PersonalizeInput } from './graphql/personalize.input';
import { PersonalizeResultModel, RenderedVariantModel } from './graphql/rendered-variant.model';
import { PersonalizedVariant, PersonalizeOutcome, PersonalizeService } from './personalize.service';
import { RenderBudget } from './render-budget';
import { CurrentRenderBudget } from './render-budget.decorator';

@Resolver()
export class PersonalizeResolver {
  constructor(
    private readonly service: PersonalizeService,
    private readonly channelsService: ChannelsService,
  ) {}

  @Query(() => [ChannelModel], { description: 'Every registered channel with its constraints' })
  @Roles(Role.DELIVERY, Role.PREVIEW)
  channels(): ChannelModel[] {
    return this.channelsService.describe();
  }

  @Query(() => RenderedVariantModel, { description: 'The right variant of a message for one customer on one channel, explained' })
  @Roles(Role.DELIVERY, Role.PREVIEW)
  personalize(@Args('input') input: PersonalizeInput, @CurrentPrincipal() principal: Principal, @CurrentRenderBudget() budget: RenderBudget): Promise<PersonalizedVariant> {
    return this.service.personalize(input, principal, budget);
  }

  @Query(() => [PersonalizeResultModel], { description: 'Many personalize requests in one call (at most HUB_MAX_BATCH), answered in order, each with its variant or its own error' })
  @Roles(Role.DELIVERY, Role.PREVIEW)
  personalizeMany(
    @Args('requests', { type: () => [PersonalizeInput] }) requests: unknown[],
    @CurrentPrincipal() principal: Principal,
    @CurrentRenderBudget() budget: RenderBudget,
  ): Promise<PersonalizeOutcome[]> {
    return this.service.personalizeMany(requests, principal, budget);
  }

  @Query(() => [RenderedVariantModel], { description: 'One rendered variant per channel the item allows and the customer consented to' })
  @Roles(Role.DELIVERY, Role.PREVIEW)
  renderAll(
    @Args('itemId', { type: () => ID }, UuidPipe) itemId: string,
    @Args('context') context: CustomerContextInput,
    @CurrentPrincipal() principal: Principal,
    @CurrentRenderBudget() budget: RenderBudget,
    @Args('preview', { type: () => Boolean, nullable: true, defaultValue: false }) preview: boolean,
    @Args('revision', { type: () => Int, nullable: true }) revision?: number,
  ): Promise<PersonalizedVariant[]> {
    return this.service.renderAll(itemId, context, preview, revision, principal, budget);
  }
}
