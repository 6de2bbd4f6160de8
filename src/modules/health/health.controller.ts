import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/roles.decorator';

const HEALTH_TIMEOUT_MS = 1000;

@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** Open without a key, for load balancers; within a second it says 503 "database unreachable" while the database does not answer. */
  @Get()
  @Public()
  @HttpCode(200)
  async health(@Res({ passthrough: true }) response: FastifyReply): Promise<{ status: string; database: { status: string; latencyMs?: number; error?: string } }> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error('timeout')), HEALTH_TIMEOUT_MS)));
    try {
      await Promise.race([this.dataSource.query('SELECT 1'), deadline]);
      return { status: 'ok', database: { status: 'up', latencyMs: Math.round((performance.now() - started) * 10) / 10 } };
    } catch {
      response.status(503);
      return { status: 'unavailable', database: { status: 'down', error: 'database unreachable' } };
    } finally {
      clearTimeout(timer);
    }
  }
}
