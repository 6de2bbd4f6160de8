import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { TouchpointType } from '../touchpoints/touchpoint';
import { ExperimentModel } from './experiment.graphql';
import { ExperimentReport, ExperimentsService } from './experiments.service';

@Resolver()
export class ExperimentsResolver {
  constructor(private readonly service: ExperimentsService) {}

  @Query(() => ExperimentModel, { description: "An experiment's arms compared: exposures, conversions, uplift with its interval, significance and the winner" })
  @Roles(Role.PREVIEW)
  experiment(@Args('key') key: string, @Args('goal', { type: () => TouchpointType, nullable: true, description: 'The event that counts as a conversion; default CONVERTED' }) goal?: TouchpointType): Promise<ExperimentReport> {
    return this.service.experiment(key, goal ?? undefined);
  }

  @Query(() => [ExperimentModel], { description: 'Every experiment that has live arms or was concluded' })
  @Roles(Role.PREVIEW)
  experiments(@Args('goal', { type: () => TouchpointType, nullable: true }) goal?: TouchpointType): Promise<ExperimentReport[]> {
    return this.service.experiments(goal ?? undefined);
  }

  @Mutation(() => ExperimentModel, { description: 'Sends every customer to `arm` from now on' })
  @Roles(Role.EDITOR)
  concludeExperiment(
    @Args('key') key: string,
    @Args('arm') arm: string,
    @CurrentPrincipal() principal: Principal,
    @Args('version', { type: () => Int, nullable: true, description: "The experiment's version as read; a stale one is refused with CONFLICT" }) version?: number,
  ): Promise<ExperimentReport> {
    return this.service.conclude(key, arm, version ?? undefined, principal);
  }
}
