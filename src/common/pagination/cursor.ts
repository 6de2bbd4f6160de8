import { BadUserInputError } from '../errors/domain-errors';
import { isUuid } from '../ids/uuid';

/** Keyset position in a page order: the order's name, the last row's sort value and its id; opaque to clients. */
export interface PagePosition {
  order: string;
  value: string | number | null;
  id: string;
}

export function encodeCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.order, position.value, position.id])).toString('base64url');
}

/** A position in `order`; a cursor of another order (or none this API handed out) is refused. */
export function decodeCursor(cursor: string, order: string, path = 'after'): PagePosition {
  const invalid = () => new BadUserInputError(`${path} is not a cursor this API handed out; use pageInfo.endCursor of the previous page`, path);
  if (cursor.length > 1_500) throw invalid();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) throw invalid();
  const [cursorOrder, value, id] = decoded;
  if (typeof cursorOrder !== 'string' || !isUuid(id) || !(value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)))) throw invalid();
  if (cursorOrder !== order) throw new BadUserInputError(`${path} belongs to another sort order (${cursorOrder}); ask for the first page again with this sort`, path);
  return { order: cursorOrder, value, id };
}
