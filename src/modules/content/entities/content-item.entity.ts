import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ContentStatus, JourneyStage, Purpose } from '../content.enums';
import type { RevisionSnapshot } from './content-revision.entity';

/** A pending draft: what an editor saved since the item was published, in snapshot form. */
export type DraftState = Pick<RevisionSnapshot, 'slug' | 'fields' | 'metadata'>;

@Entity({ name: 'content_items' })
@Index(['model', 'slug', 'locale'], { unique: true })
export class ContentItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  model: string;

  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  locale: string;

  /** The translation family: the same message in other locales. Null: the item leads its own family (its id). */
  @Column({ name: 'family_id', type: 'uuid', nullable: true })
  familyId: string | null;

  @Column({ type: 'jsonb' })
  fields: Record<string, unknown>;

  @Column({ type: 'text' })
  status: ContentStatus;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text', nullable: true })
  theme: string | null;

  @Column({ type: 'text', nullable: true })
  purpose: Purpose | null;

  @Column({ name: 'journey_stages', type: 'text', array: true })
  journeyStages: JourneyStage[];

  @Column({ type: 'text', array: true })
  tags: string[];

  @Column({ name: 'persona_tags', type: 'text', array: true })
  personaTags: string[];

  @Column({ type: 'text', array: true })
  channels: string[];

  @Column({ type: 'integer' })
  priority: number;

  @Column({ name: 'valid_from', type: 'timestamptz', nullable: true })
  validFrom: Date | null;

  @Column({ name: 'valid_until', type: 'timestamptz', nullable: true })
  validUntil: Date | null;

  @Column({ type: 'jsonb' })
  attributes: Record<string, unknown>;

  @Column({ type: 'text' })
  author: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Set by the service in whole milliseconds, so it round-trips through page cursors exactly. */
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** The version customers receive; null while nothing is live (a draft, archived, unpublished). */
  @Column({ name: 'published_version', type: 'integer', nullable: true })
  publishedVersion: number | null;

  /** The next version of a published item, being edited while the columns above stay live. */
  @Column({ type: 'jsonb', nullable: true })
  draft: DraftState | null;

  /** When the scheduler publishes the item (its draft, if it is live already); null: nothing scheduled. */
  @Column({ name: 'publish_at', type: 'timestamptz', nullable: true })
  publishAt: Date | null;

  /** When the scheduler unpublishes the item. */
  @Column({ name: 'unpublish_at', type: 'timestamptz', nullable: true })
  unpublishAt: Date | null;
}
