import { Module } from '@nestjs/common';
import { KpisModule } from '../kpis/kpis.module';
import { VariantsModule } from '../variants/variants.module';
import { ExperimentConclusions } from './experiment-conclusions';
import { ExperimentsRepository } from './experiments.repository';
import { ExperimentsResolver } from './experiments.resolver';
import { ExperimentsService } from './experiments.service';

/** Experiments across channels: their arms compared from the rollups, and concluding one. */
@Module({
  imports: [VariantsModule, KpisModule],
  providers: [ExperimentsRepository, ExperimentsService, ExperimentConclusions, ExperimentsResolver],
  exports: [ExperimentConclusions],
})
export class ExperimentsModule {}
