import { Args, Query, Resolver } from '@nestjs/graphql';
import { Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { KpiFilterInput, KpiRowModel } from './kpi.graphql';
import { KpiDimension, KpiRow } from './kpi-query';
import { KpisService } from './kpis.service';

@Resolver()
export class KpisResolver {
  constructor(private readonly reports: KpisService) {}

  @Query(() => [KpiRowModel], { description: 'Touchpoint counts and rates, e.g. one theme across every channel side by side (groupBy: [CHANNEL])' })
  @Roles(Role.PREVIEW)
  kpis(
    @Args('filter', { type: () => KpiFilterInput, nullable: true }) filter: KpiFilterInput | null,
    @Args('groupBy', { type: () => [KpiDimension], nullable: true, defaultValue: [] }) groupBy: KpiDimension[],
  ): Promise<KpiRow[]> {
    return this.reports.report(filter ?? {}, groupBy);
  }
}
