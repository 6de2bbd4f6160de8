import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import { UuidPipe } from '../../common/pipes/uuid.pipe';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { toContentItemModel } from './content-item.mapper';
import { ContentScheduleService } from './content-schedule.service';
import { ContentItemModel } from './models/content-item.model';

@Resolver()
export class ContentScheduleResolver {
  constructor(private readonly schedules: ContentScheduleService) {}

  @Mutation(() => ContentItemModel, { description: 'Publishes and/or unpublishes the item at the given moments (replacing an earlier schedule); content.scheduled is sent to webhooks' })
  @Roles(Role.EDITOR)
  async scheduleContentItem(
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args('version', { type: () => Int }) version: number,
    @CurrentPrincipal() principal: Principal,
    @Args('publishAt', { type: () => Date, nullable: true }) publishAt?: Date | null,
    @Args('unpublishAt', { type: () => Date, nullable: true }) unpublishAt?: Date | null,
  ): Promise<ContentItemModel> {
    return toContentItemModel(await this.schedules.schedule(id, version, publishAt ?? null, unpublishAt ?? null, principal));
  }

  @Mutation(() => ContentItemModel, { description: "Removes the item's schedule" })
  @Roles(Role.EDITOR)
  async cancelSchedule(@Args('id', { type: () => ID }, UuidPipe) id: string, @Args('version', { type: () => Int }) version: number, @CurrentPrincipal() principal: Principal): Promise<ContentItemModel> {
    return toContentItemModel(await this.schedules.cancel(id, version, principal));
  }
}
