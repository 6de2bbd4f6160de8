/** The first instant (UTC) of the month that holds `moment`. */
export function monthStart(moment: Date): Date {
  return new Date(Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth(), 1));
}

/** `month` and the `ahead` months after it. */
export function monthsBetween(month: Date, ahead: number): Date[] {
  return Array.from({ length: ahead + 1 }, (_unused, index) => new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + index, 1)));
}

/** "touchpoints_2026_12": one name per month, safe to put in DDL. */
export function partitionName(month: Date): string {
  return `touchpoints_${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The start of the oldest month whose raw events are kept: the current month and the `months - 1` before it; null keeps all. */
export function retentionStart(now: Date, months: number): Date | null {
  if (months <= 0) return null;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1));
}
