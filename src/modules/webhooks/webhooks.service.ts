import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-errors';
import { isUuid } from '../../common/ids/uuid';
import { OUTBOUND_EVENT_TYPES } from '../../common/outbox/outbound-events';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { isPublicAddress, resolveHost, urlProblem } from './webhook-address';
import { WebhookDeliveryConnectionModel, WebhookModel } from './webhook.graphql';
import { WebhookRecord } from './webhook-record';
import { WebhookChanges, WebhooksRepository } from './webhooks.repository';
import { checkPageSize } from '../../common/pagination/page-size';

const MAX_PAGE = 200;

/** Webhooks as ADMINs manage them: checked URLs and event names, a generated secret shown once, the delivery log. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly repository: WebhooksRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<WebhookModel[]> {
    return (await this.repository.findAll()).map((webhook) => withoutSecret(webhook));
  }

  async create(input: { url: string; events: string[]; secret?: string | null; description?: string | null }): Promise<WebhookModel> {
    await this.checkUrl(input.url, 'input.url');
    const events = checkEvents(input.events, 'input.events');
    const secret = input.secret ?? `whsec_${randomBytes(32).toString('base64url')}`;
    const saved = await this.repository.insert({ url: input.url, events, secret, description: input.description ?? '' });
    return { ...withoutSecret(saved), secret };
  }

  async update(id: string, version: number, input: { [K in keyof WebhookChanges]?: WebhookChanges[K] | null }): Promise<WebhookModel> {
    this.checkId(id);
    if (input.url) await this.checkUrl(input.url, 'input.url');
    const changes: WebhookChanges = {
      url: input.url ?? undefined,
      events: input.events ? checkEvents(input.events, 'input.events') : undefined,
      secret: input.secret ?? undefined,
      description: input.description ?? undefined,
      enabled: input.enabled ?? undefined,
    };
    const saved = await this.repository.update(id, version, changes);
    if (!saved) throw new NotFoundError(`No webhook with id ${id}`);
    return { ...withoutSecret(saved), secret: input.secret ?? null };
  }

  async delete(id: string, version: number): Promise<WebhookModel> {
    this.checkId(id);
    const deleted = await this.repository.delete(id, version);
    if (!deleted) throw new NotFoundError(`No webhook with id ${id}`);
    return withoutSecret(deleted);
  }

  async deliveries(webhookId: string, first: number, after: string | undefined): Promise<WebhookDeliveryConnectionModel> {
    this.checkId(webhookId, 'webhookId');
    checkPageSize(first, MAX_PAGE);
    if (after !== undefined && !/^[1-9][0-9]{0,17}$/.test(after)) throw new BadUserInputError('after is not a cursor this API handed out; use pageInfo.endCursor of the previous page', 'after');
    if (!(await this.repository.find(webhookId))) throw new NotFoundError(`No webhook with id ${webhookId}`);
    const rows = await this.repository.deliveries(webhookId, first + 1, after ?? null);
    const edges = rows.slice(0, first).map((node) => ({ node, cursor: node.id }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  private checkId(id: string, path = 'id'): void {
    if (!isUuid(id)) throw new BadUserInputError(`${path} is not a webhook id (a UUID)`, path);
  }

  /** Refused up front when it can be told now; the address is checked again at every delivery, as names can move. */
  private async checkUrl(raw: string, path: string): Promise<void> {
    const problem = urlProblem(raw);
    if (problem) throw new BadUserInputError(problem, path);
    if (this.config.webhooks.allowPrivate) return;
    const url = new URL(raw);
    let addresses: string[];
    try {
      addresses = await resolveHost(url);
    } catch {
      throw new BadUserInputError(`url: the host ${url.hostname} cannot be resolved`, path);
    }
    const internal = addresses.find((address) => !isPublicAddress(address));
    if (internal) throw new BadUserInputError(`url: ${url.hostname} is ${internal}, a private, loopback or link-local address; webhooks may only reach public addresses (HUB_WEBHOOK_ALLOW_PRIVATE=true allows others)`, path);
  }
}

function checkEvents(events: string[], path: string): string[] {
  const unknown = events.find((event) => !(OUTBOUND_EVENT_TYPES as readonly string[]).includes(event));
  if (unknown !== undefined) throw new BadUserInputError(`${path}: "${unknown}" is not an event; choose from ${OUTBOUND_EVENT_TYPES.join(', ')}`, path);
  return [...new Set(events)];
}

function withoutSecret(webhook: WebhookRecord): WebhookModel {
  const { secret: _secret, ...shown } = webhook;
  return { ...shown, secret: null };
}
