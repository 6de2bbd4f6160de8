/**
 * PostgreSQL cannot store U+0000 in text or jsonb: a value holding it makes the database refuse
 * the whole statement, so a batch must refuse such an item on its own before it gets there.
 */
// eslint-disable-next-line no-control-regex -- matching the control character is the point
export const WITHOUT_NUL = /^[^\u0000]*$/;

/** Whether a JSON value holds U+0000 in any text or key. */
export function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, nested]) => key.includes('\u0000') || holdsNul(nested));
}
