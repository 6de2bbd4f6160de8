import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { NotFoundError, StaleVersionError } from '../../common/errors/domain-errors';
import { ChannelVariantEntity } from './channel-variant.entity';

/** Hand-written channel variants; deleted ones stay in the table but are never returned here. */
@Injectable()
export class ChannelVariantsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findActive(id: string): Promise<ChannelVariantEntity | null> {
    return this.dataSource.getRepository(ChannelVariantEntity).findOne({ where: { id, deletedAt: IsNull() } });
  }

  /** The variants customers get, of the given items, in one query (for the delivery cache). */
  findLiveByItemIds(itemIds: readonly string[]): Promise<ChannelVariantEntity[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(ChannelVariantEntity).find({
      where: { itemId: In([...itemIds]), deletedAt: IsNull(), live: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Every variant not deleted of the given items, waiting ones included, in one query (for DataLoader and previews). */
  findByItemIds(itemIds: readonly string[]): Promise<ChannelVariantEntity[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(ChannelVariantEntity).find({
      where: { itemId: In([...itemIds]), deletedAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Live variants (the ones customers can get) that are arms of an experiment (of `key`, or of any), oldest first. */
  findExperimentArms(key: string | null): Promise<ChannelVariantEntity[]> {
    return this.dataSource.getRepository(ChannelVariantEntity).find({
      where: { experimentKey: key ?? Not(IsNull()), deletedAt: IsNull(), live: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** In the caller's transaction (the one that records the change on the item). */
  insert(manager: EntityManager, variant: Omit<ChannelVariantEntity, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt'>): Promise<ChannelVariantEntity> {
    const repository = manager.getRepository(ChannelVariantEntity);
    return repository.save(repository.create({ ...variant, deletedAt: null }));
  }

  /** Applies `mutate` to the variant locked FOR UPDATE, only if it is still at `expectedVersion`; in the caller's transaction. */
  async update(manager: EntityManager, id: string, expectedVersion: number, mutate: (variant: ChannelVariantEntity) => void): Promise<ChannelVariantEntity> {
    const repository = manager.getRepository(ChannelVariantEntity);
    const current = await repository.findOne({ where: { id, deletedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
    if (!current) throw new NotFoundError(`No channel variant with id ${id}`);
    if (current.version !== expectedVersion) throw new StaleVersionError('Channel variant', id, expectedVersion, current.version);
    mutate(current);
    current.version += 1;
    return repository.save(current);
  }
}
