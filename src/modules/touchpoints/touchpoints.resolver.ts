import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { CustomerHistoryService } from './customer-history.service';
import { ForgottenCustomerModel, TouchpointConnectionModel, TouchpointInput, TouchpointReportModel } from './touchpoint.graphql';
import { TouchpointsService } from './touchpoints.service';

@Resolver()
export class TouchpointsResolver {
  constructor(
    private readonly ingestion: TouchpointsService,
    private readonly history: CustomerHistoryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Mutation(() => TouchpointReportModel, { description: 'What channel apps saw happen: stored before the answer, each event accepted, skipped as a replay, or refused with its reason' })
  @Roles(Role.DELIVERY, Role.EDITOR)
  async recordTouchpoints(@Args('events', { type: () => [TouchpointInput] }) events: unknown[]): Promise<TouchpointReportModel> {
    const limit = this.config.touchpoints.maxPerCall;
    if (events.length > limit) throw new BadUserInputError(`events has ${events.length} entries; one call may carry at most ${limit} (POST /touchpoints takes more as NDJSON)`, 'events', { limit });
    const report = await this.ingestion.record(events.map((raw, position) => ({ position, raw })));
    return { ...report, rejected: report.rejected.map((rejection) => ({ index: rejection.position, eventId: rejection.eventId, reason: rejection.reason })) };
  }

  @Query(() => TouchpointConnectionModel, { description: "One customer's touchpoints across channels, newest first: the contact history" })
  @Roles(Role.PREVIEW)
  touchpoints(
    @Args('customerId') customerId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<TouchpointConnectionModel> {
    return this.history.page(customerId, first, after ?? undefined);
  }

  @Mutation(() => ForgottenCustomerModel, { description: "Erases a customer's raw touchpoints and answered themes everywhere; rollups keep only counts" })
  @Roles(Role.ADMIN)
  async forgetCustomer(@Args('customerId') customerId: string): Promise<ForgottenCustomerModel> {
    return { customerId, touchpointsDeleted: await this.history.forget(customerId) };
  }
}
