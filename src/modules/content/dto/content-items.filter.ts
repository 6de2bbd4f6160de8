import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ContentStatus, JourneyStage, Purpose } from '../content.enums';
import { WITHOUT_NUL } from '../../../common/json/holds-nul';
import { LOCALE } from './create-content-item.input';

@InputType('ContentItemsFilter')
export class ContentItemsFilter {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(WITHOUT_NUL, { message: 'model may not contain the NUL character (\\u0000)' })
  model?: string;

  @Field(() => ContentStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ContentStatus)
  status?: ContentStatus;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(LOCALE, { message: 'locale must be a BCP 47 tag such as nl, nl-BE or en' })
  locale?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(WITHOUT_NUL, { message: 'theme may not contain the NUL character (\\u0000)' })
  theme?: string;

  @Field(() => Purpose, { nullable: true })
  @IsOptional()
  @IsEnum(Purpose)
  purpose?: Purpose;

  @Field(() => JourneyStage, { nullable: true })
  @IsOptional()
  @IsEnum(JourneyStage)
  journeyStage?: JourneyStage;

  @Field(() => [String], { nullable: true, description: 'Items carrying all of these tags' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(WITHOUT_NUL, { each: true, message: 'tags may not contain the NUL character (\\u0000)' })
  tags?: string[];

  @Field(() => [String], { nullable: true, description: 'Items targeting any of these personas' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  personaTags?: string[];

  @Field({ nullable: true, description: 'Words to find in slug, theme and the text of the fields (prefix match)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  search?: string;
}
