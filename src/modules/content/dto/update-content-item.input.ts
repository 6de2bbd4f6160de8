import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, Length, Matches, ValidateNested } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ContentMetadataInput } from './content-metadata.input';
import { SLUG } from './create-content-item.input';

/** Only what is given changes; `fields` is a JSON merge patch over the stored fields (a key set to null is removed), and the merged result is validated. */
@InputType('UpdateContentItemInput')
export class UpdateContentItemInput {
  @Field({ nullable: true })
  @IsOptional()
  @Matches(SLUG, { message: 'slug must be lowercase letters and digits separated by single dashes, e.g. zomeractie-2027' })
  @Length(1, 200)
  slug?: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'A JSON merge patch over the stored fields: keys given replace, a key set to null is removed' })
  @IsOptional()
  @IsObject()
  fields?: Record<string, unknown>;

  @Field(() => ContentMetadataInput, { nullable: true, description: 'Metadata properties given here replace the stored ones; others stay' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContentMetadataInput)
  metadata?: ContentMetadataInput;
}
