import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An immutable snapshot of an item as it was saved; `revision` equals the item's version at that moment. */
@Entity({ name: 'content_revisions' })
@Index(['itemId', 'revision'], { unique: true })
export class ContentRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId: string;

  @Column({ type: 'integer' })
  revision: number;

  /** The whole item as saved: fields, metadata, status, slug, locale, model. */
  @Column({ type: 'jsonb' })
  snapshot: RevisionSnapshot;

  @Column({ type: 'text' })
  author: string;

  /** What kind of change produced this revision (create, update, publish, restore of N, …). */
  @Column({ type: 'text' })
  change: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export interface RevisionSnapshot {
  model: string;
  slug: string;
  locale: string;
  status: string;
  fields: Record<string, unknown>;
  metadata: {
    theme: string | null;
    purpose: string | null;
    journeyStages: string[];
    tags: string[];
    personaTags: string[];
    channels: string[];
    priority: number;
    validFrom: string | null;
    validUntil: string | null;
    attributes: Record<string, unknown>;
  };
}
