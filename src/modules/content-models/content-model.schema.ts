import { MESSAGE_ROLE_NAMES } from './message-roles';
import { FIELD_TYPES } from './content-model.types';

const scalarFieldProperties = {
  type: { enum: FIELD_TYPES.filter((type) => type !== 'list') },
  label: { type: 'string' },
  minLength: { type: 'integer', minimum: 0 },
  maxLength: { type: 'integer', minimum: 1 },
  pattern: { type: 'string', minLength: 1 },
  values: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true },
  min: { type: 'number' },
  max: { type: 'number' },
  models: { type: 'array', items: { type: 'string' } },
};

/** JSON Schema of a model file; semantic rules (roles point at fields of a fitting type, …) are checked after it. */
export const contentModelFileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['key', 'name', 'fields', 'roles'],
  properties: {
    $schema: { type: 'string' },
    key: { type: 'string', pattern: '^[a-z][a-zA-Z0-9-]*$' },
    name: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    fields: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'type'],
        properties: {
          ...scalarFieldProperties,
          key: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_]*$' },
          type: { enum: FIELD_TYPES },
          required: { type: 'boolean' },
          localized: { type: 'boolean' },
          minItems: { type: 'integer', minimum: 0 },
          maxItems: { type: 'integer', minimum: 1 },
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['type'],
            properties: scalarFieldProperties,
          },
        },
      },
    },
    roles: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(MESSAGE_ROLE_NAMES.map((role) => [role, { type: 'string' }])),
    },
  },
} as const;
