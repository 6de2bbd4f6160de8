import { Role } from './role.enum';

/** Who is calling: resolved once per request from the bearer key. */
export interface Principal {
  keyId: string | null;
  name: string;
  role: Role;
}

const ROLE_IMPLIES: Record<Role, Role[]> = {
  [Role.ADMIN]: [Role.ADMIN, Role.EDITOR, Role.PREVIEW, Role.DELIVERY],
  [Role.EDITOR]: [Role.EDITOR, Role.PREVIEW],
  [Role.PREVIEW]: [Role.PREVIEW],
  [Role.DELIVERY]: [Role.DELIVERY],
};

/** ADMIN may do everything, EDITOR what PREVIEW may; DELIVERY stands apart. */
export function hasRole(principal: Principal, required: Role): boolean {
  return ROLE_IMPLIES[principal.role].includes(required);
}

/** Drafts and archived items are visible to PREVIEW and above, never to DELIVERY. */
export function canReadDrafts(principal: Principal): boolean {
  return hasRole(principal, Role.PREVIEW);
}

/** "An EDITOR key", "A DELIVERY key": for messages a person reads. */
export function keyOfRole(role: Role): string {
  return `${/^[AEIOU]/.test(role) ? 'An' : 'A'} ${role} key`;
}
