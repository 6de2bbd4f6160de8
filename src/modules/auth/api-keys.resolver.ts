import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { UuidPipe } from '../../common/pipes/uuid.pipe';
import { ApiKeyModel, CreatedApiKeyModel, ViewerModel } from './api-key.model';
import { ApiKeysService } from './api-keys.service';
import { CreateApiKeyArgs } from './create-api-key.args';
import { CurrentPrincipal } from './current-principal.decorator';
import { Principal } from './principal';
import { Role } from './role.enum';
import { Roles } from './roles.decorator';

@Resolver()
export class ApiKeysResolver {
  constructor(private readonly keys: ApiKeysService) {}

  @Query(() => ViewerModel, { description: 'The caller: the name and role of the key in use' })
  @Roles(Role.DELIVERY, Role.PREVIEW)
  me(@CurrentPrincipal() principal: Principal): ViewerModel {
    return { name: principal.name, role: principal.role };
  }

  @Query(() => [ApiKeyModel])
  @Roles(Role.ADMIN)
  apiKeys(): Promise<ApiKeyModel[]> {
    return this.keys.list();
  }

  @Mutation(() => CreatedApiKeyModel, { description: 'Creates a key; its secret is returned this once' })
  @Roles(Role.ADMIN)
  async createApiKey(@Args() { name, role }: CreateApiKeyArgs): Promise<CreatedApiKeyModel> {
    const { key, secret } = await this.keys.create(name, role);
    return { ...key, secret };
  }

  @Mutation(() => ApiKeyModel)
  @Roles(Role.ADMIN)
  revokeApiKey(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<ApiKeyModel> {
    return this.keys.revoke(id);
  }
}
