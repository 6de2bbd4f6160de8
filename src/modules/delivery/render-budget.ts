import { UnavailableError } from '../../common/errors/domain-errors';

export const RENDER_BUDGET_KEY = 'facetRenderBudget';

/**
 * The time one request may spend rendering, over all its aliases: set when the request arrives,
 * checked before each rendering, so a request that would keep a core busy stops with a clear error
 * instead of finishing late.
 */
export class RenderBudget {
  private readonly deadline: number;

  constructor(private readonly milliseconds: number) {
    this.deadline = Date.now() + milliseconds;
  }

  spend(): void {
    if (Date.now() > this.deadline) {
      throw new UnavailableError(`The request used up its rendering time (${this.milliseconds} ms) before every rendering was made; ask for fewer renderings per request`);
    }
  }
}
