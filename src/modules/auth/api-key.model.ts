import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from './role.enum';

registerEnumType(Role, { name: 'Role', description: 'ADMIN (keys, everything), EDITOR (write content), PREVIEW (read drafts), DELIVERY (published content and personalisation only)' });

@ObjectType('ApiKey')
export class ApiKeyModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => Role)
  role: Role;

  @Field({ description: 'The first characters of the secret, to recognise the key' })
  prefix: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;
}

@ObjectType('CreatedApiKey')
export class CreatedApiKeyModel extends ApiKeyModel {
  @Field({ description: 'The secret to send as "Authorization: Bearer <secret>". Shown only now: it is stored hashed.' })
  secret: string;
}

@ObjectType('Viewer')
export class ViewerModel {
  @Field({ description: 'The key name' })
  name: string;

  @Field(() => Role)
  role: Role;
}
