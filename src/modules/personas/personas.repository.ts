import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { PersonaEntity } from './persona.entity';

@Injectable()
export class PersonasRepository {
  constructor(private readonly dataSource: DataSource) {}

  listActive(): Promise<PersonaEntity[]> {
    return this.dataSource.getRepository(PersonaEntity).find({ where: { deletedAt: IsNull() }, order: { key: 'ASC' } });
  }

  /** Includes deleted personas: upserting a deleted key brings it back. */
  findByKey(key: string): Promise<PersonaEntity | null> {
    return this.dataSource.getRepository(PersonaEntity).findOne({ where: { key } });
  }

  save(persona: PersonaEntity): Promise<PersonaEntity> {
    return this.dataSource.getRepository(PersonaEntity).save(persona);
  }
}
