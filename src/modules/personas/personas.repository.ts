import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, Repository } from 'typeorm';
import { OUTBOUND_EVENTS, OutboundEvents } from '../../common/outbox/outbound-events';
import { PersonaEntity } from './persona.entity';

@Injectable()
export class PersonasRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(OUTBOUND_EVENTS) private readonly outbox: OutboundEvents,
  ) {}

  listActive(): Promise<PersonaEntity[]> {
    return this.dataSource.getRepository(PersonaEntity).find({ where: { deletedAt: IsNull() }, order: { key: 'ASC' } });
  }

  /**
   * Runs `work` in a transaction that holds a lock on this persona key (taken even when no row
   * exists yet), so concurrent upserts and deletes of one key run one after another: the version
   * check and the write are one step, and two creates of one key cannot collide. The persona
   * `work` saved is announced as `persona.changed` in the same transaction.
   */
  withKeyLock(key: string, work: (personas: Repository<PersonaEntity>) => Promise<PersonaEntity>): Promise<PersonaEntity> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query("SELECT pg_advisory_xact_lock(hashtext('persona:' || $1))", [key]);
      const saved = await work(manager.getRepository(PersonaEntity));
      await this.outbox.record(manager, { type: 'persona.changed', subject: `persona:${key}`, data: { key, version: saved.version, name: saved.name, deleted: saved.deletedAt !== null } });
      return saved;
    });
  }
}
