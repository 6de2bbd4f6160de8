import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { AssetEntity } from './asset.entity';

@Injectable()
export class AssetsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<AssetEntity | null> {
    return this.dataSource.getRepository(AssetEntity).findOne({ where: { id } });
  }

  async existingIds(ids: string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await this.dataSource.query('SELECT id FROM assets WHERE id = ANY($1::uuid[])', [ids]);
    return new Set(rows.map((row) => row.id));
  }

  findByHash(hash: string): Promise<AssetEntity | null> {
    return this.dataSource.getRepository(AssetEntity).findOne({ where: { hash } });
  }

  list(first: number): Promise<AssetEntity[]> {
    return this.dataSource.getRepository(AssetEntity).find({ order: { createdAt: 'DESC' }, take: first });
  }

  /** Null when another upload of the same bytes won the race. */
  async insert(asset: Omit<AssetEntity, 'id' | 'createdAt'>): Promise<AssetEntity | null> {
    const repository = this.dataSource.getRepository(AssetEntity);
    try {
      return await repository.save(repository.create(asset));
    } catch (error) {
      if (error instanceof QueryFailedError && (error as QueryFailedError & { driverError?: { code?: string } }).driverError?.code === '23505') return null;
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    await this.dataSource.getRepository(AssetEntity).delete({ id });
  }
}
