import { Query, Resolver } from '@nestjs/graphql';
import { Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { ContentModelModel } from './content-model.model';
import { ContentModelsService } from './content-models.service';

@Resolver(() => ContentModelModel)
export class ContentModelsResolver {
  constructor(private readonly models: ContentModelsService) {}

  @Query(() => [ContentModelModel])
  @Roles(Role.PREVIEW, Role.DELIVERY)
  contentModels(): ContentModelModel[] {
    return this.models.list().map((model) => ({
      ...model,
      roles: model.roles as Record<string, string>,
      fields: model.fields.map((field) => ({ ...field, required: field.required ?? false, localized: field.localized ?? false })),
    }));
  }
}
