import { UnavailableError } from '../errors/domain-errors';
import { BoundedWorkQueue } from './bounded-work-queue';

describe('BoundedWorkQueue', () => {
  it('runs at most `concurrency` jobs at once, in arrival order, and refuses beyond the waiting room', async () => {
    const queue = new BoundedWorkQueue(2, 2, 'letters');
    let running = 0;
    let peak = 0;
    const finished: number[] = [];
    const job = (id: number) => async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running -= 1;
      finished.push(id);
      return id;
    };
    const accepted = [1, 2, 3, 4].map((id) => queue.run(job(id)));
    await expect(queue.run(job(5))).rejects.toBeInstanceOf(UnavailableError);
    expect(await Promise.all(accepted)).toEqual([1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(finished.slice(0, 2).sort()).toEqual([1, 2]);
    expect(await queue.run(job(6))).toBe(6);
  });

  it('frees its slot when a job fails', async () => {
    const queue = new BoundedWorkQueue(1, 0, 'images');
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await queue.run(() => 'ok')).toBe('ok');
  });
});
