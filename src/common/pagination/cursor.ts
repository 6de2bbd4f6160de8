import { BadUserInputError } from '../errors/domain-errors';
import { isUuid } from '../ids/uuid';

/** Keyset position in the default order (updatedAt desc, id desc); opaque to clients. */
export interface PagePosition {
  updatedAt: string;
  id: string;
}


export function encodeCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.updatedAt, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string, path = 'after'): PagePosition {
  const invalid = () => new BadUserInputError(`${path} is not a cursor this API handed out; use pageInfo.endCursor of the previous page`, path);
  if (cursor.length > 200) throw invalid();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw invalid();
  const [updatedAt, id] = decoded;
  if (typeof updatedAt !== 'string' || Number.isNaN(Date.parse(updatedAt)) || !isUuid(id)) throw invalid();
  return { updatedAt, id };
}
