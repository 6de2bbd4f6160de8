import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { LOCALE } from '../content/dto/create-content-item.input';

@InputType('UpsertBrandInput', { description: 'Who messages of a theme and locale come from; leave theme or locale empty for "any"' })
export class UpsertBrandInput {
  @Field(() => String, { nullable: true, description: 'null: every theme without a brand of its own' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  theme?: string | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 (nl, nl-BE); null: every locale' })
  @IsOptional()
  @Matches(LOCALE, { message: 'locale must be a BCP 47 tag such as nl, nl-BE or en' })
  locale?: string | null;

  @Field()
  @IsString()
  @Length(1, 200)
  name: string;

  @Field(() => [String], { description: "The letter's sender block: name, address lines, phone, web" })
  @IsArray()
  @ArrayMaxSize(8)
  @IsString({ each: true })
  @Length(1, 120, { each: true })
  senderLines: string[];

  @Field(() => String, { nullable: true, description: 'The return line above the address in the envelope window; default: the sender lines on one line' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  returnAddress?: string | null;

  @Field(() => String, { nullable: true, description: 'The company line at the foot of every email' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  emailFooter?: string | null;

  @Field(() => String, { nullable: true, description: 'Printed under every email and letter, after the message’s own legal line' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  legal?: string | null;

  @Field(() => String, { nullable: true, description: "The unsubscribe link's text; default: the locale's word for it" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  unsubscribeText?: string | null;

  @Field(() => Int, { nullable: true, description: 'Required when the brand exists: the version it was read at' })
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}

@ObjectType('Brand')
export class BrandModel {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  theme: string | null;

  @Field(() => String, { nullable: true })
  locale: string | null;

  @Field()
  name: string;

  @Field(() => [String])
  senderLines: string[];

  @Field(() => String, { nullable: true })
  returnAddress: string | null;

  @Field(() => String, { nullable: true })
  emailFooter: string | null;

  @Field(() => String, { nullable: true })
  legal: string | null;

  @Field(() => String, { nullable: true })
  unsubscribeText: string | null;

  @Field(() => Int)
  version: number;

  @Field()
  updatedAt: Date;

  @Field()
  updatedBy: string;
}
