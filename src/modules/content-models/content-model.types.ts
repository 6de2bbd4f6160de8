import { MessageRoleName } from './message-roles';

export const FIELD_TYPES = ['text', 'markdown', 'number', 'boolean', 'date', 'enum', 'image', 'reference', 'link', 'list'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** One field of a content model, as declared in content-models/*.json. */
export interface FieldDefinition {
  key: string;
  type: FieldType;
  label?: string;
  required?: boolean;
  /** The value differs per locale; non-localized fields are expected to be equal across an item's locale versions. */
  localized?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** Allowed values for `enum` (and for the items of a list of enum). */
  values?: string[];
  min?: number;
  max?: number;
  /** The element type of a `list`. */
  items?: Omit<FieldDefinition, 'key' | 'required' | 'localized' | 'items'> & { type: Exclude<FieldType, 'list'> };
  minItems?: number;
  maxItems?: number;
  /** For `reference`: the models an item may point at. */
  models?: string[];
}

/** A content type: its fields and how they map onto the message roles renderers read. */
export interface ContentModelDefinition {
  key: string;
  name: string;
  description?: string;
  fields: FieldDefinition[];
  /** Message role → field key. */
  roles: Partial<Record<MessageRoleName, string>>;
}
