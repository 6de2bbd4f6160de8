import { ContentModelDefinition } from './content-model.types';
import { MessageRoles } from './message-roles';

/** Reads an item's fields through its model's role map, so renderers never see model-specific field names. */
export function extractRoles(model: ContentModelDefinition, fields: Record<string, unknown>): MessageRoles {
  const roles: Record<string, unknown> = {};
  for (const [role, fieldKey] of Object.entries(model.roles)) {
    const value = fields[fieldKey as string];
    if (value !== undefined && value !== null && value !== '') roles[role] = value;
  }
  return roles as MessageRoles;
}
