import { Injectable, Logger } from '@nestjs/common';
import { AssetsService } from '../assets/assets.service';
import { BrandsService } from '../brands/brands.service';
import { Principal } from '../auth/principal';
import { Role } from '../auth/role.enum';
import { ContentItemsService } from '../content/content-items.service';
import { ContentItemEntity } from '../content/entities/content-item.entity';
import { PersonasService } from '../personas/personas.service';
import { VariantsService } from '../variants/variants.service';
import { DEMO_BRAND, DEMO_ITEMS, DEMO_PERSONAS, DEMO_VARIANTS } from './demo-content';
import { drawDemoImage } from './demo-image';

const SEED_PRINCIPAL: Principal = { keyId: null, name: 'demo-seed', role: Role.ADMIN };

/** Loads the demo campaign through the same services editors use, so demo content is valid content. */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly brands: BrandsService,
    private readonly contentItems: ContentItemsService,
    private readonly personas: PersonasService,
    private readonly variants: VariantsService,
    private readonly assets: AssetsService,
  ) {}

  /** Only an empty database gets the demo: an editor's content is never mixed with it. Returns the demo items, or null when none were loaded. */
  async seedIfEmpty(): Promise<ContentItemEntity[] | null> {
    const [items, personas] = await Promise.all([(await this.contentItems.list({}, 1, undefined, SEED_PRINCIPAL)).countAll(), this.personas.list()]);
    if (items > 0 || personas.length > 0) return null;
    const seeded = await this.seed();
    this.logger.log(`Loaded the demo content: ${DEMO_ITEMS.length} items, ${DEMO_PERSONAS.length} personas, ${DEMO_VARIANTS.length} variants`);
    return seeded;
  }

  /** Returns the demo items, published. */
  async seed(): Promise<ContentItemEntity[]> {
    await this.brands.upsert(DEMO_BRAND, undefined, SEED_PRINCIPAL);
    for (const persona of DEMO_PERSONAS) await this.personas.upsert(persona);
    const image = await this.assets.upload(
      { data: await drawDemoImage(), filename: 'zomeractie.jpg', alt: { nl: 'Een hardloper in de zomerzon', en: 'A runner in the summer sun' }, focalX: 0.33, focalY: 0.5, tags: ['zomeractie'] },
      SEED_PRINCIPAL,
    );
    const drafts: ContentItemEntity[] = [];
    for (const input of DEMO_ITEMS) {
      // The demo message in its other locales is a translation of the first: one family.
      drafts.push(
        drafts.length === 0
          ? await this.contentItems.create({ ...input, fields: { ...input.fields, image: { assetId: image.id } } }, SEED_PRINCIPAL)
          : await this.contentItems.createTranslation(drafts[0].id, input.locale, input.fields, SEED_PRINCIPAL),
      );
    }
    // Variants are written before publishing, so they go live with their items.
    for (const { locale, ...variant } of DEMO_VARIANTS) {
      const item = drafts.find((candidate) => candidate.locale === locale)!;
      await this.variants.create({ ...variant, itemId: item.id }, SEED_PRINCIPAL);
    }
    const published: ContentItemEntity[] = [];
    for (const draft of drafts) {
      const current = await this.contentItems.get(draft.id, SEED_PRINCIPAL);
      published.push(await this.contentItems.publish(current.id, current.version, SEED_PRINCIPAL));
    }
    return published;
  }
}
