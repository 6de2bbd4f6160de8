import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { UuidPipe } from '../../common/pipes/uuid.pipe';
import { Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { toAssetModel } from './asset.mapper';
import { AssetModel } from './asset.model';
import { AssetsService } from './assets.service';

@Resolver(() => AssetModel)
export class AssetsResolver {
  constructor(private readonly service: AssetsService) {}

  @Query(() => AssetModel)
  @Roles(Role.PREVIEW, Role.DELIVERY)
  async asset(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<AssetModel> {
    return this.toModel(await this.service.get(id));
  }

  @Query(() => [AssetModel], { description: 'The newest assets first' })
  @Roles(Role.PREVIEW)
  async assets(@Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number): Promise<AssetModel[]> {
    return (await this.service.list(first)).map((asset) => this.toModel(asset));
  }

  @Mutation(() => AssetModel, { description: 'Refused with CONFLICT while content still uses the asset' })
  @Roles(Role.EDITOR)
  async deleteAsset(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<AssetModel> {
    return this.toModel(await this.service.delete(id));
  }

  private toModel(asset: Parameters<typeof toAssetModel>[0]): AssetModel {
    return toAssetModel(asset, (assetId, profile) => this.service.renditionUrl(assetId, profile));
  }
}
