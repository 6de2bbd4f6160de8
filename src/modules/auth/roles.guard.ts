import { clientAddress } from './client-address';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ForbiddenError } from '../../common/errors/domain-errors';
import { ApiKeysService } from './api-keys.service';
import { PRINCIPAL_KEY } from './current-principal.decorator';
import { hasRole, keyOfRole } from './principal';
import { Role } from './role.enum';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/**
 * Global guard: every resolver and route needs a valid key unless marked @Public(), and the
 * key's role must satisfy @Roles(...). Without @Roles only ADMIN passes, so a forgotten
 * decorator fails closed.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.getType<string>() === 'graphql' ? GqlExecutionContext.create(context).getContext().req : context.switchToHttp().getRequest();
    request[PRINCIPAL_KEY] ??= await this.apiKeys.admit(request.headers?.authorization, clientAddress(request));
    const principal = request[PRINCIPAL_KEY];
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [Role.ADMIN];
    if (!allowed.some((role) => hasRole(principal, role))) {
      throw new ForbiddenError(`${keyOfRole(principal.role)} may not do this; it needs one of: ${allowed.join(', ')}`);
    }
    return true;
  }
}
