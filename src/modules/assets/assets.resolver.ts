import { Args, Float, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { UuidPipe } from '../../common/pipes/uuid.pipe';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { toAltTexts } from './alt-texts';
import { toAssetModel } from './asset.mapper';
import { AssetModel } from './asset.model';
import { AssetsService } from './assets.service';
import { FileUpload, GraphQLUpload } from './graphql-upload';

@Resolver(() => AssetModel)
export class AssetsResolver {
  constructor(private readonly service: AssetsService) {}

  @Query(() => AssetModel)
  @Roles(Role.PREVIEW, Role.DELIVERY)
  async asset(@Args('id', { type: () => ID }, UuidPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<AssetModel> {
    return this.toModel(await this.service.getFor(id, principal));
  }

  @Query(() => [AssetModel], { description: 'The newest assets first' })
  @Roles(Role.PREVIEW)
  async assets(@Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number): Promise<AssetModel[]> {
    return (await this.service.list(first)).map((asset) => this.toModel(asset));
  }

  @Mutation(() => AssetModel, {
    description: 'Uploads an image as a GraphQL multipart request (send the header apollo-require-preflight: true); alt is text or { locale: text }',
  })
  @Roles(Role.EDITOR)
  async uploadAsset(
    // PromiseLike, not Promise: its metatype is Object, which the validation pipe leaves alone.
    @Args('file', { type: () => GraphQLUpload }) file: PromiseLike<FileUpload>,
    @Args('alt', { type: () => GraphQLJSON }) alt: unknown,
    @CurrentPrincipal() principal: Principal,
    @Args('locale', { type: () => String, nullable: true }) locale?: string,
    @Args('focalX', { type: () => Float, nullable: true }) focalX?: number,
    @Args('focalY', { type: () => Float, nullable: true }) focalY?: number,
    @Args('tags', { type: () => [String], nullable: true }) tags?: string[],
  ): Promise<AssetModel> {
    const upload = await file;
    const asset = await this.service.upload(
      { data: await readUpload(upload), filename: upload.filename, alt: toAltTexts(alt, locale), focalX: focalX ?? null, focalY: focalY ?? null, tags: tags ?? [] },
      principal,
    );
    return this.toModel(asset);
  }

  @Mutation(() => AssetModel, { description: 'Refused with CONFLICT while content still uses the asset' })
  @Roles(Role.EDITOR)
  async deleteAsset(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<AssetModel> {
    return this.toModel(await this.service.delete(id));
  }

  private toModel(asset: Parameters<typeof toAssetModel>[0]): AssetModel {
    return toAssetModel(asset, this.service.renditionUrls(asset.id));
  }
}

/** graphql-upload stops the stream at the size limit; that is the client's error, not ours. */
async function readUpload(upload: FileUpload): Promise<Buffer> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of upload.createReadStream()) chunks.push(chunk as Buffer);
  } catch (error) {
    throw new BadUserInputError(`The upload could not be read: ${(error as Error).message}`, 'file');
  }
  return Buffer.concat(chunks);
}
