import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/roles.decorator';

@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** Open without a key, for load balancers; 503 while the database does not answer. */
  @Get()
  @Public()
  @HttpCode(200)
  async health(@Res({ passthrough: true }) response: Response): Promise<{ status: string; database: { status: string; latencyMs?: number; error?: string } }> {
    const started = performance.now();
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ok', database: { status: 'up', latencyMs: Math.round((performance.now() - started) * 10) / 10 } };
    } catch {
      response.status(503);
      return { status: 'unavailable', database: { status: 'down', error: 'the database does not answer' } };
    }
  }
}
