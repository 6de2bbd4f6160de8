import { Injectable, Logger } from '@nestjs/common';
import { ContentItemEntity } from '../content/entities/content-item.entity';
import { DeliveryTokensService } from '../delivery-tokens/delivery-tokens.service';
import { chooseVariant, stableFraction } from '../selection/choose-variant';
import { TouchpointType } from '../touchpoints/touchpoint';
import { ReceivedEvent, TouchpointsService } from '../touchpoints/touchpoints.service';
import { VariantsService } from '../variants/variants.service';

interface Audience {
  channel: string;
  persona: string;
  customers: number;
  /** Chance per type after DELIVERED; per arm where the tweet experiment's arms differ. */
  rates: Partial<Record<TouchpointType, number | Record<string, number>>>;
}

/** The demo campaign's last two weeks: enough touchpoints for every KPI view and an experiment with a verdict. */
const AUDIENCES: Audience[] = [
  { channel: 'tweet', persona: 'sportieve-sanne', customers: 600, rates: { OPENED: 0.6, CLICKED: { A: 0.18, B: 0.27 }, CONVERTED: { A: 0.05, B: 0.12 } } },
  { channel: 'email', persona: 'meneer-de-vries', customers: 500, rates: { OPENED: 0.45, CLICKED: 0.12, CONVERTED: 0.03, UNSUBSCRIBED: 0.01, BOUNCED: 0.02 } },
  { channel: 'inApp', persona: 'sportieve-sanne', customers: 300, rates: { OPENED: 0.7, CLICKED: 0.25, CONVERTED: 0.06 } },
  { channel: 'sms', persona: 'trendy-tim', customers: 200, rates: { CLICKED: 0.1, CONVERTED: 0.02 } },
  { channel: 'letter', persona: 'meneer-de-vries', customers: 150, rates: { RESPONDED: 0.08, CONVERTED: 0.04 } },
];
const DAYS = 14;
const ORDER_VALUE = 59.95;
const CHUNK = 1_000;

/**
 * Generates the demo's touchpoints through the same intake channel apps use, with delivery tokens
 * signed as renderings would carry them and arms drawn as delivery draws them. Deterministic: the
 * same demo every time.
 */
@Injectable()
export class DemoTouchpointsService {
  private readonly logger = new Logger(DemoTouchpointsService.name);

  constructor(
    private readonly touchpoints: TouchpointsService,
    private readonly tokens: DeliveryTokensService,
    private readonly variants: VariantsService,
  ) {}

  async generate(items: ContentItemEntity[], now: Date = new Date()): Promise<void> {
    const item = items.find((candidate) => candidate.locale === 'nl') ?? items[0];
    const variants = await this.variants.liveFor([item.id]);
    const events: ReceivedEvent[] = [];
    for (const audience of AUDIENCES) {
      for (let index = 0; index < audience.customers; index += 1) {
        const customerId = `demo-${audience.channel}-${String(index).padStart(4, '0')}`;
        const choice = chooseVariant(variants, { channel: audience.channel, locale: item.locale, personas: [audience.persona], customerId });
        const deliveryToken = this.tokens.signRendering(item, choice, { channel: audience.channel, personas: [audience.persona], customerId });
        const delivered = new Date(now.getTime() - (1 + stableFraction(`${customerId}:day`) * (DAYS - 1)) * 86_400_000);
        const event = (type: TouchpointType, minutesLater: number, value?: number) =>
          events.push({
            position: events.length,
            raw: { eventId: `${customerId}:${type}`, type, occurredAt: new Date(delivered.getTime() + minutesLater * 60_000).toISOString(), deliveryToken, value },
          });
        event(TouchpointType.DELIVERED, 0);
        Object.entries(audience.rates).forEach(([type, rate], step) => {
          const chance = typeof rate === 'number' ? rate : (rate?.[choice.arm ?? ''] ?? 0);
          if (stableFraction(`${customerId}:${type}`) < chance) event(type as TouchpointType, 30 * (step + 1), type === TouchpointType.CONVERTED ? ORDER_VALUE : undefined);
        });
      }
    }
    let accepted = 0;
    for (let start = 0; start < events.length; start += CHUNK) accepted += (await this.touchpoints.record(events.slice(start, start + CHUNK))).accepted;
    this.logger.log(`Loaded ${accepted} demo touchpoints over the last ${DAYS} days`);
  }
}
