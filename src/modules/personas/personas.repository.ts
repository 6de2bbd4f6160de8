import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Repository } from 'typeorm';
import { PersonaEntity } from './persona.entity';

@Injectable()
export class PersonasRepository {
  constructor(private readonly dataSource: DataSource) {}

  listActive(): Promise<PersonaEntity[]> {
    return this.dataSource.getRepository(PersonaEntity).find({ where: { deletedAt: IsNull() }, order: { key: 'ASC' } });
  }

  /**
   * Runs `work` in a transaction that holds a lock on this persona key (taken even when no row
   * exists yet), so concurrent upserts and deletes of one key run one after another: the version
   * check and the write are one step, and two creates of one key cannot collide.
   */
  withKeyLock<T>(key: string, work: (personas: Repository<PersonaEntity>) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query("SELECT pg_advisory_xact_lock(hashtext('persona:' || $1))", [key]);
      return work(manager.getRepository(PersonaEntity));
    });
  }
}
