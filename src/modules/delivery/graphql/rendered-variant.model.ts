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

  @Field({ description: 'Signed; hand it back with touchpoints: it names the item, version, variant, arm, channel, locale, personas and customer of this rendering' })
  deliveryToken: string;
}

@ObjectType('GenericVariant', { implements: () => [RenderedVariantModel], description: "A channel without a type of its own: its output as named parts" })
export class GenericVariantModel extends RenderedVariantModel {
  @Field(() => GraphQLJSONObject)
  parts: Record<string, unknown>;
}

/** The channels' own variant types, made at start-up from what each renderer declares (see defineChannelVariantTypes). */
const TYPE_BY_CHANNEL: Record<string, typeof RenderedVariantModel> = {};

/** Registers a channel's variant type, so `resolveType` answers it for that channel's renderings. */
export function registerChannelVariantType(channel: string, type: typeof RenderedVariantModel): void {
  TYPE_BY_CHANNEL[channel] = type;
}

@ObjectType('PersonalizeError', { description: 'Why one request of a batch could not be answered' })
export class PersonalizeErrorModel {
  @Field({ description: 'BAD_USER_INPUT, NOT_FOUND, FORBIDDEN, …, as extensions.code would say' })
  code: string;

  @Field()
  message: string;

  @Field(() => String, { nullable: true })
  path: string | null;
}

@ObjectType('PersonalizeResult', { description: 'One answer of personalizeMany: the rendering, or the error (one of the two is set)' })
export class PersonalizeResultModel {
  @Field(() => RenderedVariantModel, { nullable: true })
  variant: RenderedVariantModel | null;

  @Field(() => PersonalizeErrorModel, { nullable: true })
  error: PersonalizeErrorModel | null;
}
