import { ContentItemEntity } from './entities/content-item.entity';

export type SortDirection = 'ASC' | 'DESC';

/** Item properties every listing can be sorted by, as named in GraphQL. */
export const SORT_COLUMNS = { UPDATED_AT: 'updated_at', CREATED_AT: 'created_at', SLUG: 'slug', PRIORITY: 'priority' } as const;
export type SortColumn = keyof typeof SORT_COLUMNS;

/**
 * One order of a listing, as SQL over the alias `item`: the sort expression, then the id to break
 * ties, both in `direction`. A model field may be missing; those items come last either way.
 */
export interface ContentOrder {
  /** Names the order inside cursors, so a cursor is only used with the order it came from. */
  name: string;
  direction: SortDirection;
  /** The sort expression; for a field, never null (see `missingSql`). */
  sql: string;
  parameters: Record<string, unknown>;
  /** For a field: true where the item lacks it, arranged so that those items sort last. */
  missingSql: string | null;
  /** What the sort expression gives for a missing field. */
  fillValue: string | number;
  valueOf(item: ContentItemEntity): string | number | null;
}

export function columnOrder(column: SortColumn, direction: SortDirection): ContentOrder {
  const property = ({ UPDATED_AT: 'updatedAt', CREATED_AT: 'createdAt', SLUG: 'slug', PRIORITY: 'priority' } as const)[column];
  return {
    name: `${column}:${direction}`,
    direction,
    sql: `item.${SORT_COLUMNS[column]}`,
    parameters: {},
    missingSql: null,
    fillValue: '',
    valueOf: (item) => {
      const value = item[property];
      return value instanceof Date ? value.toISOString() : value;
    },
  };
}

/** Orders by a model field: text compares as text, number as number; anything else counts as missing. */
export function fieldOrder(field: string, kind: 'text' | 'number', direction: SortDirection): ContentOrder {
  const typed = kind === 'number' ? `CASE WHEN jsonb_typeof(item.fields -> :sortField) = 'number' THEN (item.fields ->> :sortField)::numeric END` : `CASE WHEN jsonb_typeof(item.fields -> :sortField) = 'string' THEN item.fields ->> :sortField END`;
  return {
    name: `field:${field}:${direction}`,
    direction,
    sql: `coalesce(${typed}, ${kind === 'number' ? '0' : "''"})`,
    fillValue: kind === 'number' ? 0 : '',
    parameters: { sortField: field },
    // Row comparison runs in one direction, so "missing" is spelled the way that puts it last.
    missingSql: direction === 'ASC' ? `(${typed}) IS NULL` : `(${typed}) IS NOT NULL`,
    valueOf: (item) => {
      const value = item.fields[field];
      if (kind === 'number') return typeof value === 'number' ? value : null;
      return typeof value === 'string' ? value : null;
    },
  };
}

export const DEFAULT_ORDER = columnOrder('UPDATED_AT', 'DESC');

/** The keyset condition "after this position" in `order`, with its parameters. */
export function afterPosition(order: ContentOrder, value: string | number | null, id: string): { sql: string; parameters: Record<string, unknown> } {
  const comparison = order.direction === 'ASC' ? '>' : '<';
  if (order.missingSql === null) return { sql: `(${order.sql}, item.id) ${comparison} (:afterValue, :afterId)`, parameters: { afterValue: value, afterId: id } };
  const missingFlag = order.direction === 'ASC' ? value === null : value !== null;
  const comparable = value ?? order.fillValue;
  return {
    sql: `(${order.missingSql}, ${order.sql}, item.id) ${comparison} (:afterMissing, :afterValue, :afterId)`,
    parameters: { afterMissing: missingFlag, afterValue: comparable, afterId: id },
  };
}
