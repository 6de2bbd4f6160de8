import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { WeightedLru } from '../../common/cache/weighted-lru';
import { DeliveryClaims, DeliveryTokenCodec } from './delivery-token';
import { HubSecretsRepository } from './hub-secrets.repository';

/** What a token says of the item a rendering was made from. */
export interface RenderedItem {
  id: string;
  version: number;
  locale: string;
  theme: string | null;
}

/** The hand-written variant a rendering used (null: rendered automatically) and its experiment arm. */
export interface ChosenVariant {
  variant: { id: string } | null;
  experiment: string | null;
  arm: string | null;
}

/** Verified tokens remembered (about 0.5 KB each). */
const VERIFIED_TOKENS = 100_000;

/**
 * Signs the delivery token of every rendering, and reads the ones channel apps hand back. The keys
 * are HUB_DELIVERY_TOKEN_SECRETS (the first signs, all verify: rotate by putting a new one first);
 * without it, a secret the hub made once and keeps in the database, the same for every instance.
 */
@Injectable()
export class DeliveryTokensService implements OnModuleInit {
  private codec: DeliveryTokenCodec | null = null;
  private readonly verified = new WeightedLru<string, DeliveryClaims>(VERIFIED_TOKENS);

  constructor(
    private readonly secrets: HubSecretsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const configured = this.config.deliveryTokenSecrets;
    this.codec = new DeliveryTokenCodec(configured.length > 0 ? configured : [await this.secrets.loadOrCreate('delivery-token')]);
  }

  /** The token of one rendering: the item as rendered, the variant (and experiment arm) chosen, and for whom. */
  signRendering(item: RenderedItem, choice: ChosenVariant, recipient: Pick<DeliveryClaims, 'channel' | 'personas' | 'customerId'>): string {
    return this.ready().sign({
      itemId: item.id,
      itemVersion: item.version,
      locale: item.locale,
      theme: item.theme,
      variantId: choice.variant?.id ?? null,
      experiment: choice.experiment,
      arm: choice.arm,
      ...recipient,
      issuedAt: Math.floor(Date.now() / 1000),
    });
  }

  /** Renderings are reported several times (delivered, opened, clicked…): a token verified once is not verified again. */
  verify(token: string): DeliveryClaims {
    let claims = this.verified.get(token);
    if (!claims) {
      claims = Object.freeze(this.ready().verify(token));
      this.verified.set(token, claims);
    }
    return claims;
  }

  private ready(): DeliveryTokenCodec {
    if (!this.codec) throw new Error('DeliveryTokensService is used before the hub started');
    return this.codec;
  }
}
