import { Injectable, OnModuleInit } from '@nestjs/common';
import { ChangeFeed } from '../../database/change-feed.service';
import { ExperimentsRepository } from './experiments.repository';

/**
 * The winning arm of every concluded experiment, as delivery needs it on each request: read once,
 * kept until any instance concludes an experiment (or the change feed reconnects).
 */
@Injectable()
export class ExperimentConclusions implements OnModuleInit {
  private winners: Promise<ReadonlyMap<string, string>> | null = null;

  constructor(
    private readonly repository: ExperimentsRepository,
    private readonly changeFeed: ChangeFeed,
  ) {}

  onModuleInit(): void {
    const forget = () => {
      this.winners = null;
    };
    this.changeFeed.subscribe('experiment-concluded', forget);
    this.changeFeed.subscribe('reset', forget);
  }

  /** Experiment key → winning arm. */
  current(): Promise<ReadonlyMap<string, string>> {
    if (!this.winners) {
      const loading = this.repository.concluded().then((rows) => new Map(rows.map((row) => [row.key, row.winner])));
      loading.catch(() => {
        if (this.winners === loading) this.winners = null;
      });
      this.winners = loading;
    }
    return this.winners;
  }
}
