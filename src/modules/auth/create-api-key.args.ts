import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsString, Length } from 'class-validator';
import { Role } from './role.enum';

@ArgsType()
export class CreateApiKeyArgs {
  @Field()
  @IsString()
  @Length(1, 100)
  name: string;

  @Field(() => Role)
  @IsEnum(Role)
  role: Role;
}
