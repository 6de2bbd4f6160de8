import { Field, ID, InputType, Int, ObjectType, PartialType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { PageInfoModel } from '../../common/pagination/page-info.model';

const EVENTS_DESCRIPTION = 'Event names, e.g. content.published, content.unpublished, content.updated, content.archived, content.scheduled, content.created, variant.changed, persona.changed, experiment.concluded, campaignRun.finished';

@InputType('CreateWebhookInput')
export class CreateWebhookInput {
  @Field({ description: 'Where events are POSTed (http or https; private, loopback and link-local addresses only with HUB_WEBHOOK_ALLOW_PRIVATE)' })
  @IsString()
  @Length(1, 2000)
  url: string;

  @Field(() => [String], { description: EVENTS_DESCRIPTION })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  events: string[];

  @Field(() => String, { nullable: true, description: 'The signing secret (at least 24 characters); generated and shown once when omitted' })
  @IsOptional()
  @IsString()
  @Length(24, 200)
  secret?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  description?: string | null;
}

@InputType('UpdateWebhookInput', { description: 'Only the given properties change; a new secret applies from the next attempt' })
export class UpdateWebhookInput extends PartialType(CreateWebhookInput) {
  @Field(() => Boolean, { nullable: true, description: 'true re-enables a webhook the hub disabled after a day of failures' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean | null;
}

@ObjectType('Webhook')
export class WebhookModel {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field(() => [String])
  events: string[];

  @Field(() => String, { nullable: true, description: 'Only in the answer to createWebhook (and to updateWebhook when it set one): store it, it is not shown again' })
  secret: string | null;

  @Field()
  description: string;

  @Field({ description: 'false after a whole day of failed deliveries (see disabledReason), or when an ADMIN disabled it' })
  enabled: boolean;

  @Field(() => String, { nullable: true })
  disabledReason: string | null;

  @Field(() => Date, { nullable: true, description: 'Since when every delivery has failed; null while deliveries succeed' })
  failingSince: Date | null;

  @Field(() => Int)
  version: number;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date)
  updatedAt: Date;
}

@ObjectType('WebhookDelivery', { description: 'One attempt to deliver one event' })
export class WebhookDeliveryModel {
  @Field(() => ID)
  eventId: string;

  @Field()
  event: string;

  @Field(() => Int, { description: '1 for the first try, then one more per retry' })
  attempt: number;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status; null when none came (timeout, refused address, connection error)" })
  statusCode: number | null;

  @Field(() => Int)
  durationMs: number;

  @Field(() => Date, { nullable: true, description: 'Set when the receiver acknowledged (2xx)' })
  deliveredAt: Date | null;

  @Field(() => String, { nullable: true })
  error: string | null;

  @Field(() => Date)
  attemptedAt: Date;
}

@ObjectType('WebhookDeliveryEdge')
export class WebhookDeliveryEdgeModel {
  @Field(() => WebhookDeliveryModel)
  node: WebhookDeliveryModel;

  @Field()
  cursor: string;
}

@ObjectType('WebhookDeliveryConnection', { description: 'Attempts, newest first' })
export class WebhookDeliveryConnectionModel {
  @Field(() => [WebhookDeliveryEdgeModel])
  edges: WebhookDeliveryEdgeModel[];

  @Field(() => PageInfoModel)
  pageInfo: PageInfoModel;
}
