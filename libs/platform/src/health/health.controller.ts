import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';
import { CommonErrorCode, HavenException } from '../errors/haven.exception.js';
import { Public } from '../http/public.decorator.js';
import { REDIS } from '../redis/redis.module.js';

type DependencyState = 'up' | 'down';

const CHECK_TIMEOUT_MS = 2000;

/** GET /health: 200 when Postgres and Redis answer, 503 naming the one that does not. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Public()
  @Get()
  async check(): Promise<{ status: 'ok'; postgres: DependencyState; redis: DependencyState }> {
    const [postgres, redis] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.redis.ping()),
    ]);
    const down = [postgres === 'down' && 'Postgres', redis === 'down' && 'Redis'].filter(Boolean);
    if (down.length > 0) {
      throw new HavenException(503, CommonErrorCode.SERVICE_UNAVAILABLE, `${down.join(' and ')} not answering.`);
    }
    return { status: 'ok', postgres, redis };
  }
}

async function probe(check: () => Promise<unknown>): Promise<DependencyState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
