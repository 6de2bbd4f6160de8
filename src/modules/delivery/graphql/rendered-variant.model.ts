import { Field, Float, ID, InterfaceType, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ExplanationModel } from './explanation.model';

@ObjectType('Metric', { description: 'A measured constraint: value against its limit' })
export class MetricModel {
  @Field()
  name: string;

  @Field(() => Float)
  value: number;

  @Field(() => Float, { nullable: true })
  limit: number | null;
}

/** What every channel's rendering has; `__typename` is picked by `resolveType` from the channel key. */
@InterfaceType('RenderedVariant', {
  resolveType: (value: { channel: string }) => TYPE_BY_CHANNEL[value.channel] ?? GenericVariantModel,
})
export abstract class RenderedVariantModel {
  @Field()
  channel: string;

  @Field(() => ID)
  itemId: string;

  @Field(() => Int)
  itemVersion: number;

  @Field()
  locale: string;

  @Field(() => ID, { nullable: true, description: 'The hand-written variant used; null when rendered automatically' })
  variantId: string | null;

  @Field({ description: 'The plain-text form' })
  text: string;

  @Field(() => [String])
  warnings: string[];

  @Field(() => [MetricModel])
  metrics: MetricModel[];

  @Field(() => ExplanationModel)
  explanation: ExplanationModel;
}

@ObjectType('TweetVariant', { implements: () => [RenderedVariantModel] })
export class TweetVariantModel extends RenderedVariantModel {
  @Field(() => Int, { description: 'Length as twitter-text counts it (URLs 23, CJK and emoji double)' })
  weightedLength: number;

  @Field(() => String, { nullable: true, description: 'Card image URL (the tweet rendition)' })
  imageUrl: string | null;
}

@ObjectType('EmailVariant', { implements: () => [RenderedVariantModel] })
export class EmailVariantModel extends RenderedVariantModel {
  @Field()
  subject: string;

  @Field()
  preheader: string;

  @Field({ description: 'Responsive HTML with inlined CSS; `text` is the plain-text alternative' })
  html: string;
}

@ObjectType('LetterVariant', { implements: () => [RenderedVariantModel] })
export class LetterVariantModel extends RenderedVariantModel {
  @Field({ description: 'The A4 PDF, base64-encoded' })
  pdfBase64: string;

  @Field({ description: 'The same letter as print HTML' })
  html: string;

  @Field(() => Int, { nullable: true })
  pageCount: number | null;
}

@ObjectType('InAppVariant', { implements: () => [RenderedVariantModel] })
export class InAppVariantModel extends RenderedVariantModel {
  @Field()
  title: string;

  @Field()
  body: string;

  @Field(() => String, { nullable: true })
  ctaLabel: string | null;

  @Field(() => String, { nullable: true })
  ctaUrl: string | null;

  @Field(() => String, { nullable: true })
  imageUrl: string | null;
}

@ObjectType('SmsVariant', { implements: () => [RenderedVariantModel] })
export class SmsVariantModel extends RenderedVariantModel {
  @Field(() => Int)
  segments: number;

  @Field({ description: 'GSM-7 or UCS-2' })
  encoding: string;
}

@ObjectType('GenericVariant', { implements: () => [RenderedVariantModel], description: "A channel without a type of its own: its output as named parts" })
export class GenericVariantModel extends RenderedVariantModel {
  @Field(() => GraphQLJSONObject)
  parts: Record<string, unknown>;
}

const TYPE_BY_CHANNEL: Record<string, typeof RenderedVariantModel> = {
  tweet: TweetVariantModel,
  email: EmailVariantModel,
  letter: LetterVariantModel,
  inApp: InAppVariantModel,
  sms: SmsVariantModel,
};
