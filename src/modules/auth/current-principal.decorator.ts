import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Principal } from './principal';

export const PRINCIPAL_KEY = 'facetPrincipal';

export function principalFrom(context: ExecutionContext): Principal | undefined {
  const request = context.getType<string>() === 'graphql' ? GqlExecutionContext.create(context).getContext().req : context.switchToHttp().getRequest();
  return request?.[PRINCIPAL_KEY];
}

/** The caller of this request; set by the auth guard. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext) => principalFrom(context));
