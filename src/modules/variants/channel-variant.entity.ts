import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A variant as its item's draft has it: the editable columns, or a deletion. */
export interface PendingVariantChange {
  personaTags: string[];
  locale: string | null;
  fields: Record<string, unknown>;
  experimentKey: string | null;
  experimentWeight: number | null;
  label: string | null;
  deleted: boolean;
}

/** An editor's hand-written override of an item for one channel (optionally per persona, locale, experiment arm). */
@Entity({ name: 'channel_variants' })
@Index(['itemId'])
export class ChannelVariantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId: string;

  @Column({ type: 'text' })
  channel: string;

  @Column({ name: 'persona_tags', type: 'text', array: true })
  personaTags: string[];

  @Column({ type: 'text', nullable: true })
  locale: string | null;

  @Column({ type: 'jsonb' })
  fields: Record<string, unknown>;

  @Column({ name: 'experiment_key', type: 'text', nullable: true })
  experimentKey: string | null;

  @Column({ name: 'experiment_weight', type: 'integer', nullable: true })
  experimentWeight: number | null;

  @Column({ type: 'text', nullable: true })
  label: string | null;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  author: string;

  /** False for a variant written while its item is published: it goes live when the item's draft is published. */
  @Column({ type: 'boolean', default: true })
  live: boolean;

  /** A change (or deletion) waiting for the item's draft to be published; the columns stay live meanwhile. */
  @Column({ type: 'jsonb', nullable: true })
  pending: PendingVariantChange | null;

  /** Deleted variants are kept (nothing an editor saved is lost) but never selected. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
