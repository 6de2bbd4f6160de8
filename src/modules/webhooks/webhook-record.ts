/** A webhook as stored (the secret never leaves the hub after it was first shown). */
export interface WebhookRecord {
  id: string;
  url: string;
  events: string[];
  secret: string;
  description: string;
  enabled: boolean;
  disabledReason: string | null;
  failingSince: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** One attempt to deliver one event to one webhook. */
export interface WebhookDeliveryRecord {
  id: string;
  eventId: string;
  event: string;
  attempt: number;
  statusCode: number | null;
  durationMs: number;
  deliveredAt: Date | null;
  error: string | null;
  attemptedAt: Date;
}

/** The event a receiver gets, as the JSON body of the POST. */
export interface WebhookEvent {
  id: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}
