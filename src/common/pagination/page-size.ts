import { BadUserInputError } from '../errors/domain-errors';

/** Refuses a page size outside 1…max with the one message every paged query gives. */
export function checkPageSize(first: number, max: number, path = 'first'): void {
  if (!Number.isInteger(first) || first < 1 || first > max) throw new BadUserInputError(`${path} must be from 1 to ${max}`, path);
}
