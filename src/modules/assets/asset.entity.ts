import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'assets' })
export class AssetEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** SHA-256 of the bytes: the same file uploaded twice is one asset. */
  @Column({ type: 'text', unique: true })
  hash: string;

  @Column({ name: 'original_filename', type: 'text' })
  originalFilename: string;

  /** Detected from the bytes, never taken from the client. */
  @Column({ name: 'media_type', type: 'text' })
  mediaType: string;

  @Column({ type: 'integer' })
  bytes: number;

  @Column({ type: 'integer' })
  width: number;

  @Column({ type: 'integer' })
  height: number;

  /** Locale → alt text. */
  @Column({ type: 'jsonb' })
  alt: Record<string, string>;

  @Column({ name: 'focal_x', type: 'real', nullable: true })
  focalX: number | null;

  @Column({ name: 'focal_y', type: 'real', nullable: true })
  focalY: number | null;

  @Column({ type: 'text', array: true })
  tags: string[];

  @Column({ name: 'storage_key', type: 'text' })
  storageKey: string;

  @Column({ type: 'text' })
  author: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
