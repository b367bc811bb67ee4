import pg from 'pg';
import { Redis } from 'ioredis';
import { CONFIG_EXIT_CODE } from './config-or-exit.js';
import type { HavenConfig } from './haven-config.js';

/** What a process talks to: Postgres as the owner (migrations) or as the app role, and Redis. */
export interface ServiceNeeds {
  database?: 'owner' | 'app';
  redis?: boolean;
}

const ANSWER_WITHIN_MS = 5000;

/**
 * Connects once to each service the process needs before it boots: an unreachable or refusing
 * service stops it within seconds with one sentence naming the variable, the host and the cause,
 * where pg and ioredis would otherwise retry and print stack traces without end.
 */
export async function exitUnlessReachable(
  processName: string,
  config: HavenConfig,
  needs: ServiceNeeds,
): Promise<void> {
  const problem = await unreachableService(config, needs);
  if (problem === undefined) return;
  console.error(`${processName}: ${problem}`);
  process.exit(CONFIG_EXIT_CODE);
}

/** The sentence for the first needed service that does not answer, or undefined when all do. */
export async function unreachableService(
  config: HavenConfig,
  needs: ServiceNeeds,
  source: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  if (needs.database === 'owner') {
    const problem = await probePostgres(config.database.ownerUrl, 'DATABASE_URL');
    if (problem) return problem;
  }
  if (needs.database === 'app') {
    // Without DATABASE_APP_URL the app role's URL is derived from DATABASE_URL; migrate sets its password.
    const explicit = Boolean(source.DATABASE_APP_URL);
    const problem = await probePostgres(
      config.database.appUrl,
      explicit ? 'DATABASE_APP_URL' : `DATABASE_URL, as role ${config.database.appRole}`,
      explicit ? undefined : `, or run \`npm run migrate\`, which lets role ${config.database.appRole} log in`,
    );
    if (problem) return problem;
  }
  return needs.redis ? probeRedis(config.redis.url) : undefined;
}

async function probePostgres(url: string, variable: string, remedy = ''): Promise<string | undefined> {
  const where = hostOf(url, 5432);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: ANSWER_WITHIN_MS });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    const fix = variable.split(',')[0];
    const { severity, code } = error as { severity?: string; code?: string };
    // 28P01: wrong password; 28000: no such role or no pg_hba entry for it.
    const loginRefused = code === '28P01' || code === '28000';
    return severity !== undefined
      ? `Postgres at ${where} (${variable}) refused the connection: ${(error as Error).message}. Correct ${fix}${loginRefused ? remedy : ''}.`
      : `cannot reach Postgres at ${where} (${variable}): ${networkCause(error)}. Start Postgres there or correct ${fix}.`;
  } finally {
    await client.end().catch(() => {});
  }
}

async function probeRedis(url: string): Promise<string | undefined> {
  const where = hostOf(url, 6379);
  let lastError: unknown;
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: ANSWER_WITHIN_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  redis.on('error', (error) => (lastError ??= error));
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    const cause = lastError ?? error;
    return (cause as Error).name === 'ReplyError'
      ? `Redis at ${where} (REDIS_URL) refused: ${(cause as Error).message}. Correct REDIS_URL.`
      : `cannot reach Redis at ${where} (REDIS_URL): ${networkCause(cause)}. Start Redis there or correct REDIS_URL.`;
  } finally {
    redis.disconnect();
  }
}

function hostOf(url: string, defaultPort: number): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || defaultPort}`;
  } catch {
    return 'an unreadable address';
  }
}

// Node reports one connection failure per address tried (IPv6 and IPv4) as an AggregateError.
function networkCause(error: unknown): string {
  const first = error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : error;
  const code = (first as { code?: string }).code ?? (error as { code?: string }).code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (nothing listens there)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    case 'ETIMEDOUT':
      return `no answer within ${ANSWER_WITHIN_MS / 1000} s`;
    case 'ECONNRESET':
      return 'the connection was reset';
    default:
      return /timeout/i.test(String((first as Error)?.message))
        ? `no answer within ${ANSWER_WITHIN_MS / 1000} s`
        : String((first as Error)?.message ?? first);
  }
}
