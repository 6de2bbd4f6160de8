import { Injectable } from '@nestjs/common';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { ChannelsService } from '../channels/channels.service';
import { ContentItemsService } from '../content/content-items.service';
import { ContentStatus } from '../content/content.enums';
import { ContentItemEntity } from '../content/entities/content-item.entity';
import { PersonasService } from '../personas/personas.service';
import { CampaignRunsService } from '../campaign-runs/campaign-runs.service';
import { CalendarDay, CalendarItem, planCalendar } from './calendar-plan';

/** The longest period one calendar query covers. */
export const MAX_CALENDAR_DAYS = 366;
/** Messages one calendar query places; a busier period needs a filter. */
const MAX_CALENDAR_ITEMS = 2_000;
/** Message-days one answer may hold (a message live for a year is 366 of them). */
const MAX_CALENDAR_PLACEMENTS = 50_000;

export interface CalendarFilter {
  theme?: string | null;
  channel?: string | null;
  persona?: string | null;
  locale?: string | null;
}

/** The content calendar: per day what is live or scheduled, where and for whom, and the conflicts in it. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly contentItems: ContentItemsService,
    private readonly personas: PersonasService,
    private readonly channels: ChannelsService,
    private readonly campaignRuns: CampaignRunsService,
  ) {}

  async calendar(from: Date, to: Date, filter: CalendarFilter): Promise<CalendarDay[]> {
    if (to <= from) throw new BadUserInputError('to must be later than from', 'to');
    if (to.getTime() - from.getTime() > MAX_CALENDAR_DAYS * 86_400_000) throw new BadUserInputError(`A calendar covers at most ${MAX_CALENDAR_DAYS} days; ask for a shorter period`, 'to');
    if (filter.channel) this.channels.registry.get(filter.channel);
    const query = { theme: filter.theme ?? undefined, channel: filter.channel ?? undefined, persona: filter.persona ?? undefined, locale: filter.locale ?? undefined };
    const items = await this.contentItems.calendar(from, to, query, MAX_CALENDAR_ITEMS + 1);
    const days = Math.ceil((to.getTime() - from.getTime()) / 86_400_000);
    if (items.length > MAX_CALENDAR_ITEMS || items.length * days > MAX_CALENDAR_PLACEMENTS) {
      throw new BadUserInputError(`${items.length} messages over ${days} days is more than one calendar answer holds; filter by theme, channel, persona or locale, or ask for fewer days`, 'filter');
    }
    const allChannels = this.channels.keys();
    const placed = items.map((item) => toCalendarItem(item, allChannels)).map((item) => (filter.channel ? { ...item, channels: item.channels.filter((channel) => channel === filter.channel) } : item));
    const personas = (await this.personas.list()).map((persona) => ({ key: persona.key, channelPreferences: persona.channelPreferences.filter((channel) => !filter.channel || channel === filter.channel) }));
    const itemIds = new Set(items.map((item) => item.id));
    const runs = (await this.campaignRuns.inPeriod(from, to, filter.channel ?? null))
      .filter((run) => !filter.theme || (run.itemId !== null ? itemIds.has(run.itemId) : run.selector?.theme === filter.theme))
      .map((run) => ({ runId: run.id, name: run.name, channel: run.channel, state: run.state, itemId: run.itemId, total: run.total, runAt: run.runAt }));
    return planCalendar(from, to, placed, filter.persona ? personas.filter((persona) => persona.key === filter.persona) : personas, runs);
  }
}

function toCalendarItem(item: ContentItemEntity, allChannels: string[]): CalendarItem {
  const live = item.status === ContentStatus.PUBLISHED;
  const starts = [item.validFrom, live ? item.publishedAt : item.publishAt].filter((date): date is Date => date !== null);
  const ends = [item.validUntil, item.unpublishAt].filter((date): date is Date => date !== null);
  return {
    itemId: item.id,
    slug: item.slug,
    theme: item.theme,
    locale: item.locale,
    channels: item.channels.length > 0 ? item.channels : allChannels,
    personaTags: item.personaTags,
    status: item.status,
    priority: item.priority,
    start: starts.length > 0 ? new Date(Math.max(...starts.map(Number))) : null,
    end: ends.length > 0 ? new Date(Math.min(...ends.map(Number))) : null,
    scheduled: !live,
  };
}
