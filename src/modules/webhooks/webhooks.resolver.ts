import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { CreateWebhookInput, UpdateWebhookInput, WebhookDeliveryConnectionModel, WebhookModel } from './webhook.graphql';
import { WebhooksService } from './webhooks.service';

@Resolver()
export class WebhooksResolver {
  constructor(private readonly service: WebhooksService) {}

  @Query(() => [WebhookModel])
  @Roles(Role.ADMIN)
  webhooks(): Promise<WebhookModel[]> {
    return this.service.list();
  }

  @Query(() => WebhookDeliveryConnectionModel, { description: "A webhook's delivery attempts, newest first, with status codes and timings" })
  @Roles(Role.ADMIN)
  webhookDeliveries(
    @Args('webhookId', { type: () => ID }) webhookId: string,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<WebhookDeliveryConnectionModel> {
    return this.service.deliveries(webhookId, first, after ?? undefined);
  }

  @Mutation(() => WebhookModel, { description: 'Starts POSTing the chosen events, signed (Facet-Signature), to the URL; the answer shows the secret once' })
  @Roles(Role.ADMIN)
  createWebhook(@Args('input') input: CreateWebhookInput): Promise<WebhookModel> {
    return this.service.create(input);
  }

  @Mutation(() => WebhookModel)
  @Roles(Role.ADMIN)
  updateWebhook(@Args('id', { type: () => ID }) id: string, @Args('version', { type: () => Int }) version: number, @Args('input') input: UpdateWebhookInput): Promise<WebhookModel> {
    return this.service.update(id, version, input);
  }

  @Mutation(() => WebhookModel, { description: 'Stops deliveries, queued retries included, and drops the delivery log' })
  @Roles(Role.ADMIN)
  deleteWebhook(@Args('id', { type: () => ID }) id: string, @Args('version', { type: () => Int }) version: number): Promise<WebhookModel> {
    return this.service.delete(id, version);
  }
}
