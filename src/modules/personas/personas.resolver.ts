import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { PersonaModel } from './persona.model';
import { PersonasService } from './personas.service';
import { UpsertPersonaInput } from './upsert-persona.input';

@Resolver(() => PersonaModel)
export class PersonasResolver {
  constructor(private readonly service: PersonasService) {}

  @Query(() => [PersonaModel])
  @Roles(Role.PREVIEW, Role.DELIVERY)
  personas(): Promise<PersonaModel[]> {
    return this.service.list();
  }

  @Query(() => PersonaModel)
  @Roles(Role.PREVIEW, Role.DELIVERY)
  persona(@Args('key') key: string): Promise<PersonaModel> {
    return this.service.get(key);
  }

  @Mutation(() => PersonaModel)
  @Roles(Role.EDITOR)
  upsertPersona(@Args('input') input: UpsertPersonaInput): Promise<PersonaModel> {
    return this.service.upsert(input);
  }

  @Mutation(() => PersonaModel, { description: 'Stops the persona from matching; upsert the key again to bring it back' })
  @Roles(Role.EDITOR)
  deletePersona(@Args('key') key: string): Promise<PersonaModel> {
    return this.service.delete(key);
  }
}
