import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Min, ValidateNested } from 'class-validator';
import { JourneyStage, Purpose } from '../../content/content.enums';
import { CustomerContextInput } from './customer-context.input';

@InputType('ContentSelectorInput', { description: 'Which messages may be chosen from, when no itemId is given' })
export class ContentSelectorInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  theme?: string;

  @Field(() => [String], { nullable: true, description: 'Items carrying all of these tags' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  tags?: string[];

  @Field(() => Purpose, { nullable: true })
  @IsOptional()
  @IsEnum(Purpose)
  purpose?: Purpose;

  @Field(() => JourneyStage, { nullable: true })
  @IsOptional()
  @IsEnum(JourneyStage)
  journeyStage?: JourneyStage;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  model?: string;
}

@InputType('PersonalizeInput')
export class PersonalizeInput {
  @Field(() => ID, { nullable: true, description: 'The message to render; or give a selector' })
  @IsOptional()
  @IsUUID()
  itemId?: string;

  @Field(() => ContentSelectorInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContentSelectorInput)
  selector?: ContentSelectorInput;

  @Field(() => String, { nullable: true, description: 'Omitted: the best channel the customer consented to' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  channel?: string;

  @Field(() => CustomerContextInput)
  @ValidateNested()
  @Type(() => CustomerContextInput)
  context: CustomerContextInput;

  @Field(() => Boolean, { nullable: true, description: 'PREVIEW and EDITOR keys: also consider drafts' })
  @IsOptional()
  @IsBoolean()
  preview?: boolean;

  @Field(() => Int, { nullable: true, description: 'With itemId and preview: render this older revision' })
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;
}
