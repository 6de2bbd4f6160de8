import { UnavailableError } from '../../common/errors/domain-errors';
import { RenderBudget } from './render-budget';

describe('RenderBudget', () => {
  it('lets renderings start until its time is spent, then refuses with a retry-safe error', async () => {
    const budget = new RenderBudget(20);
    expect(() => budget.spend()).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(() => budget.spend()).toThrow(UnavailableError);
    expect(() => budget.spend()).toThrow(/rendering time \(20 ms\)/);
  });
});
