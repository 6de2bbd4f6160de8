import { UnavailableError } from '../errors/domain-errors';

/**
 * At most `concurrency` jobs of one expensive kind run at once and at most `maxWaiting` wait;
 * beyond that the caller is told to come back (UNAVAILABLE, retry-safe) instead of piling up
 * work that would keep cheap requests and /health waiting.
 */
export class BoundedWorkQueue {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
    private readonly kindOfWork: string,
  ) {}

  async run<T>(work: () => Promise<T> | T): Promise<T> {
    if (this.active < this.concurrency) {
      this.active += 1;
    } else {
      if (this.waiting.length >= this.maxWaiting) throw new UnavailableError(`The hub is busy with ${this.kindOfWork}; try again in a moment`);
      // The finishing job hands its slot over directly, so `active` stays counted.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
