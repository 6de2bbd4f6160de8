import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { CampaignRunRecord } from './campaign-run-record';
import { CampaignRunModel, CampaignSkipModel, CreateCampaignRunInput } from './campaign-run.graphql';
import { toCampaignRunModel } from './campaign-run.mapper';
import { CampaignRunsService } from './campaign-runs.service';

@Resolver()
export class CampaignRunsResolver {
  constructor(
    private readonly runs: CampaignRunsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Query(() => CampaignRunModel)
  @Roles(Role.PREVIEW)
  async campaignRun(@Args('id', { type: () => ID }) id: string): Promise<CampaignRunModel> {
    return this.model(await this.runs.get(id));
  }

  @Query(() => [CampaignRunModel], { description: 'Newest first' })
  @Roles(Role.PREVIEW)
  async campaignRuns(@Args('first', { type: () => Int, defaultValue: 20 }) first: number): Promise<CampaignRunModel[]> {
    return (await this.runs.list(first)).map((run) => this.model(run));
  }

  @Query(() => [CampaignSkipModel], { description: 'Lines of the audience that were not rendered, with why, in line order' })
  @Roles(Role.PREVIEW)
  async campaignRunSkips(
    @Args('id', { type: () => ID }) id: string,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
    @Args('afterLine', { type: () => Int, defaultValue: 0 }) afterLine: number,
  ): Promise<CampaignSkipModel[]> {
    return this.runs.skips(id, first, afterLine);
  }

  @Mutation(() => CampaignRunModel, { description: 'With an inline audience the run starts at once; otherwise it waits (DRAFT) for an NDJSON upload and startCampaignRun' })
  @Roles(Role.EDITOR)
  async createCampaignRun(@Args('input') input: CreateCampaignRunInput, @CurrentPrincipal() principal: Principal): Promise<CampaignRunModel> {
    return this.model(await this.runs.create({ ...input, selector: input.selector ? { ...input.selector } : null }, principal));
  }

  @Mutation(() => CampaignRunModel)
  @Roles(Role.EDITOR)
  async startCampaignRun(@Args('id', { type: () => ID }) id: string): Promise<CampaignRunModel> {
    return this.model(await this.runs.start(id));
  }

  @Mutation(() => CampaignRunModel)
  @Roles(Role.EDITOR)
  async pauseCampaignRun(@Args('id', { type: () => ID }) id: string): Promise<CampaignRunModel> {
    return this.model(await this.runs.pause(id));
  }

  @Mutation(() => CampaignRunModel)
  @Roles(Role.EDITOR)
  async resumeCampaignRun(@Args('id', { type: () => ID }) id: string): Promise<CampaignRunModel> {
    return this.model(await this.runs.resume(id));
  }

  @Mutation(() => CampaignRunModel)
  @Roles(Role.EDITOR)
  async cancelCampaignRun(@Args('id', { type: () => ID }) id: string): Promise<CampaignRunModel> {
    return this.model(await this.runs.cancel(id));
  }

  private model(run: CampaignRunRecord): CampaignRunModel {
    return toCampaignRunModel(run, this.config.publicUrl);
  }
}
