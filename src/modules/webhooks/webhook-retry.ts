/** Retries stop this long after the event, and a webhook failing this long without a success is disabled. */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Attempts of one event at most, however short HUB_WEBHOOK_RETRY_BASE_MS is (the window usually ends them first). */
export const MAX_ATTEMPTS = 40;

/** The longest wait between two attempts: with the doubling this spreads the last attempts an hour apart. */
export const MAX_RETRY_DELAY_S = 3600;

export type FailureVerdict = 'retry' | 'give up' | 'disable';

/**
 * What follows a failed attempt: another one later, giving up on this event (it is older than the
 * retry window, or had all its attempts), or disabling the webhook (nothing has succeeded for the
 * whole window).
 */
export function afterFailure(failure: { now: Date; failingSince: Date; occurredAt: Date; attempt: number }): FailureVerdict {
  if (failure.now.getTime() - failure.failingSince.getTime() >= RETRY_WINDOW_MS) return 'disable';
  if (failure.now.getTime() - failure.occurredAt.getTime() >= RETRY_WINDOW_MS || failure.attempt >= MAX_ATTEMPTS) return 'give up';
  return 'retry';
}
