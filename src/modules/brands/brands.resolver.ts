import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { BrandModel, UpsertBrandInput } from './brand.graphql';
import { BrandRecord } from './brand-record';
import { BrandsService } from './brands.service';

@Resolver()
export class BrandsResolver {
  constructor(private readonly service: BrandsService) {}

  @Query(() => [BrandModel], { description: 'Every brand, the one for any theme and locale first' })
  @Roles(Role.PREVIEW)
  brands(): Promise<BrandRecord[]> {
    return this.service.list();
  }

  @Mutation(() => BrandModel, { description: 'Sets the brand of a theme and locale (either may be null: any); renderings use it from then on' })
  @Roles(Role.EDITOR)
  upsertBrand(@Args('input') input: UpsertBrandInput, @CurrentPrincipal() principal: Principal): Promise<BrandRecord> {
    const { version, ...values } = input;
    return this.service.upsert(
      {
        theme: values.theme ?? null,
        locale: values.locale ?? null,
        name: values.name,
        senderLines: values.senderLines,
        returnAddress: values.returnAddress ?? null,
        emailFooter: values.emailFooter ?? null,
        legal: values.legal ?? null,
        unsubscribeText: values.unsubscribeText ?? null,
      },
      version ?? undefined,
      principal,
    );
  }

  @Mutation(() => BrandModel)
  @Roles(Role.EDITOR)
  deleteBrand(
    @Args('version', { type: () => Int }) version: number,
    @Args('theme', { type: () => String, nullable: true }) theme?: string | null,
    @Args('locale', { type: () => String, nullable: true }) locale?: string | null,
  ): Promise<BrandRecord> {
    return this.service.delete(theme ?? null, locale ?? null, version);
  }
}
