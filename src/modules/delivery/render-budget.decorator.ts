import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { RENDER_BUDGET_KEY, RenderBudget } from './render-budget';

/** The request's render budget, set up in the GraphQL context. */
export const CurrentRenderBudget = createParamDecorator((_data: unknown, context: ExecutionContext): RenderBudget => {
  return GqlExecutionContext.create(context).getContext().req[RENDER_BUDGET_KEY];
});
