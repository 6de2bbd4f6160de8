import { Field, ID, InputType, Int, PickType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Min, ValidateNested } from 'class-validator';
import { ContentItemsFilter } from '../../content/dto/content-items.filter';
import { CustomerContextInput } from './customer-context.input';
import { isValidPersonalizeInput } from './personalize-input.check';

@InputType('ContentSelectorInput', { description: 'Which messages may be chosen from, when no itemId is given' })
export class ContentSelectorInput extends PickType(ContentItemsFilter, ['theme', 'tags', 'purpose', 'journeyStage', 'model'] as const, InputType) {}

@InputType('PersonalizeInput')
export class PersonalizeInput {
  /** The decorators' rules, compiled: delivery's hot path skips class-validator for input this vouches for. */
  static readonly isValid = isValidPersonalizeInput;

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
