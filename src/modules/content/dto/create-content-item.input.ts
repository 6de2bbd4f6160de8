import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ContentMetadataInput } from './content-metadata.input';

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const LOCALE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

@InputType('CreateContentItemInput')
export class CreateContentItemInput {
  @Field({ description: 'Key of a content model (see contentModels)' })
  @IsString()
  @Length(1, 100)
  model: string;

  @Field({ description: 'BCP 47 locale, e.g. nl, nl-BE, en' })
  @Matches(LOCALE, { message: 'locale must be a BCP 47 tag such as nl, nl-BE or en' })
  locale: string;

  @Field({ description: 'URL-friendly name, unique per model and locale' })
  @Matches(SLUG, { message: 'slug must be lowercase letters and digits separated by single dashes, e.g. zomeractie-2027' })
  @Length(1, 200)
  slug: string;

  @Field(() => GraphQLJSONObject, { description: "Field values, validated against the model's fields" })
  @IsObject()
  fields: Record<string, unknown>;

  @Field(() => ContentMetadataInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContentMetadataInput)
  metadata?: ContentMetadataInput;
}
