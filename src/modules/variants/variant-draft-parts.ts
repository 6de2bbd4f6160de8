import { Global, Injectable, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DRAFT_PARTS, DraftParts } from '../content/content-ports';

/** The variants' side of an item's draft: waiting variants and changes, settled with the item. */
@Injectable()
export class VariantDraftParts implements DraftParts {
  async apply(manager: EntityManager, itemId: string): Promise<void> {
    await manager.query('UPDATE channel_variants SET live = true, updated_at = now() WHERE item_id = $1 AND NOT live AND deleted_at IS NULL', [itemId]);
    await manager.query("UPDATE channel_variants SET deleted_at = now(), pending = NULL WHERE item_id = $1 AND (pending ->> 'deleted')::boolean", [itemId]);
    await manager.query(
      `UPDATE channel_variants SET persona_tags = ARRAY(SELECT jsonb_array_elements_text(pending -> 'personaTags')), locale = pending ->> 'locale', fields = pending -> 'fields',
         experiment_key = pending ->> 'experimentKey', experiment_weight = (pending ->> 'experimentWeight')::integer, label = pending ->> 'label', pending = NULL, updated_at = now()
       WHERE item_id = $1 AND pending IS NOT NULL`,
      [itemId],
    );
  }

  async discard(manager: EntityManager, itemId: string): Promise<void> {
    await manager.query('UPDATE channel_variants SET deleted_at = now() WHERE item_id = $1 AND NOT live AND deleted_at IS NULL', [itemId]);
    await manager.query('UPDATE channel_variants SET pending = NULL WHERE item_id = $1 AND pending IS NOT NULL', [itemId]);
  }
}

/** Content's DraftParts port, global: variants build on content, so content reaches them only through the port. */
@Global()
@Module({
  providers: [{ provide: DRAFT_PARTS, useClass: VariantDraftParts }],
  exports: [DRAFT_PARTS],
})
export class VariantDraftPartsModule {}
