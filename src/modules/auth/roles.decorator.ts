import { SetMetadata } from '@nestjs/common';
import { Role } from './role.enum';

export const ROLES_KEY = 'facet:roles';
export const PUBLIC_KEY = 'facet:public';

/**
 * Roles allowed to call a resolver or controller method. ADMIN is always allowed.
 * Example: `@Roles(Role.EDITOR)` on a mutation; `@Roles(Role.DELIVERY, Role.PREVIEW, Role.EDITOR)` on delivery.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Open to requests without a key (the health check, rendition downloads). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
