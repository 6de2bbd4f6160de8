import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import { UuidPipe } from '../../common/pipes/uuid.pipe';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { toChannelVariantModel } from './channel-variant.mapper';
import { ChannelVariantModel } from './channel-variant.model';
import { CreateVariantInput, UpdateVariantInput } from './variant.inputs';
import { VariantsService } from './variants.service';

@Resolver(() => ChannelVariantModel)
export class VariantsResolver {
  constructor(private readonly service: VariantsService) {}

  @Mutation(() => ChannelVariantModel)
  @Roles(Role.EDITOR)
  async createVariant(@Args('input') input: CreateVariantInput, @CurrentPrincipal() principal: Principal): Promise<ChannelVariantModel> {
    return toChannelVariantModel(await this.service.create(input, principal));
  }

  @Mutation(() => ChannelVariantModel)
  @Roles(Role.EDITOR)
  async updateVariant(
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('input') input: UpdateVariantInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ChannelVariantModel> {
    return toChannelVariantModel(await this.service.update(id, version, input, principal));
  }

  @Mutation(() => ChannelVariantModel, { description: 'Stops the variant from being selected; it is kept for history' })
  @Roles(Role.EDITOR)
  async deleteVariant(
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args('version', { type: () => Int }) version: number,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ChannelVariantModel> {
    return toChannelVariantModel(await this.service.delete(id, version, principal));
  }
}
