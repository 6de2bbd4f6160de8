import type { EntityManager } from 'typeorm';

/** Every event the hub tells the outside world about (webhooks subscribe to these names). */
export const OUTBOUND_EVENT_TYPES = [
  'content.created',
  'content.updated',
  'content.published',
  'content.unpublished',
  'content.archived',
  'content.scheduled',
  'variant.changed',
  'persona.changed',
  'experiment.concluded',
  'campaignRun.finished',
] as const;

export type OutboundEventType = (typeof OUTBOUND_EVENT_TYPES)[number];

export interface OutboundEvent {
  type: OutboundEventType;
  /** What the event is about (an item id, a persona key): events of one subject reach a receiver in order. */
  subject: string;
  data: Record<string, unknown>;
}

/**
 * The outbox: a module that changes something records its event with the transaction's manager,
 * so the event exists exactly when the change committed. Provided by the webhooks module.
 *
 * @example
 * await dataSource.transaction(async (manager) => {
 *   await manager.query('UPDATE personas …');
 *   await outbox.record(manager, { type: 'persona.changed', subject: key, data: { key } });
 * });
 */
export interface OutboundEvents {
  record(manager: EntityManager, event: OutboundEvent): Promise<void>;
}

export const OUTBOUND_EVENTS = Symbol('OUTBOUND_EVENTS');
