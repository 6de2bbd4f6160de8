import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { PageInfoModel } from '../../common/pagination/page-info.model';
import { TouchpointType } from './touchpoint';

registerEnumType(TouchpointType, { name: 'TouchpointType', description: 'What happened to a rendering, as the channel app saw it' });

@InputType('TouchpointInput', { description: 'One event from a channel app; checked on its own, so one bad event does not refuse the others' })
export class TouchpointInput {
  @Field({ description: 'Chosen by the app and unique per event: a replayed event is counted once' })
  eventId: string;

  @Field(() => TouchpointType)
  type: TouchpointType;

  @Field(() => Date, { description: 'When it happened; at most HUB_TOUCHPOINT_CLOCK_SKEW_S in the future' })
  occurredAt: Date;

  @Field(() => String, { nullable: true, description: 'The deliveryToken of the rendering; names item, version, variant, arm, channel, locale, personas and customer' })
  deliveryToken?: string | null;

  @Field(() => String, { nullable: true, description: 'Without a token: the customer (with channel and theme). With one: must match it' })
  customerId?: string | null;

  @Field(() => String, { nullable: true })
  channel?: string | null;

  @Field(() => String, { nullable: true })
  theme?: string | null;

  @Field(() => Float, { nullable: true, description: 'Revenue of a conversion, in the hub currency (HUB_CURRENCY)' })
  value?: number | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217; must be the hub currency when given' })
  currency?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Free details, at most 4 KiB as JSON; erased by forgetCustomer' })
  attributes?: Record<string, unknown> | null;
}

@ObjectType('RejectedTouchpoint')
export class RejectedTouchpointModel {
  @Field(() => Int, { description: 'Position in events, from 0' })
  index: number;

  @Field(() => String, { nullable: true })
  eventId: string | null;

  @Field()
  reason: string;
}

@ObjectType('TouchpointReport')
export class TouchpointReportModel {
  @Field(() => Int, { description: 'New events, stored' })
  accepted: number;

  @Field(() => Int, { description: 'Events whose eventId was seen before: not counted again' })
  duplicates: number;

  @Field(() => [RejectedTouchpointModel])
  rejected: RejectedTouchpointModel[];
}

@ObjectType('Touchpoint')
export class TouchpointModel {
  @Field()
  eventId: string;

  @Field(() => TouchpointType)
  type: TouchpointType;

  @Field()
  occurredAt: Date;

  @Field()
  receivedAt: Date;

  @Field(() => String, { nullable: true })
  customerId: string | null;

  @Field()
  channel: string;

  @Field(() => String, { nullable: true })
  theme: string | null;

  @Field(() => ID, { nullable: true })
  itemId: string | null;

  @Field(() => Int, { nullable: true })
  itemVersion: number | null;

  @Field(() => ID, { nullable: true })
  variantId: string | null;

  @Field(() => String, { nullable: true })
  experiment: string | null;

  @Field(() => String, { nullable: true })
  arm: string | null;

  @Field(() => String, { nullable: true })
  locale: string | null;

  @Field(() => [String])
  personas: string[];

  @Field(() => Float, { nullable: true })
  value: number | null;

  @Field(() => String, { nullable: true })
  currency: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  attributes: Record<string, unknown> | null;
}

@ObjectType('TouchpointEdge')
export class TouchpointEdgeModel {
  @Field(() => TouchpointModel)
  node: TouchpointModel;

  @Field()
  cursor: string;
}

@ObjectType('TouchpointConnection', { description: "A customer's touchpoints across channels, newest first" })
export class TouchpointConnectionModel {
  @Field(() => [TouchpointEdgeModel])
  edges: TouchpointEdgeModel[];

  @Field(() => PageInfoModel)
  pageInfo: PageInfoModel;
}

@ObjectType('ForgottenCustomer')
export class ForgottenCustomerModel {
  @Field()
  customerId: string;

  @Field(() => Int, { description: 'Raw touchpoints erased; rollups keep their counts, which name no customer' })
  touchpointsDeleted: number;
}
