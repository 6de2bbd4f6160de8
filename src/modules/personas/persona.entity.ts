import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Criteria, Tone } from './persona.types';

@Entity({ name: 'personas' })
export class PersonaEntity {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'jsonb', nullable: true })
  criteria: Criteria | null;

  @Column({ name: 'channel_preferences', type: 'text', array: true })
  channelPreferences: string[];

  @Column({ type: 'text' })
  tone: Tone;

  @Column({ type: 'integer' })
  version: number;

  /** Deleted personas are kept for history and can be brought back by upserting the key again. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
