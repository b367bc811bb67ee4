import proxyAddr from '@fastify/proxy-addr';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);

/** A comma-separated list, parsed: entries trimmed, empty ones dropped, none by default. */
function commaList() {
  return z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    );
}

// Whether Fastify's trustProxy (proxy-addr) accepts the list: asking it, rather than re-implementing
// its rules, means a list that passes here cannot crash the server at start-up.
function isTrustedProxyList(entries: string[]): boolean {
  try {
    proxyAddr.compile(entries);
    return true;
  } catch {
    return false;
  }
}
const secret = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43,}$/, 'must be at least 32 random bytes as base64url (43+ characters)')
  .optional();

/** Every environment variable Haven reads, with defaults. */
export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  HAVEN_DATA_DIR: z.string().min(1).default('./.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FILE: z.string().min(1).optional(),
  CORS_ORIGINS: commaList(),
  HAVEN_TRUSTED_PROXIES: commaList().refine(
    isTrustedProxyList,
    'must be a comma-separated list of IP addresses, CIDR ranges or loopback/linklocal/uniquelocal',
  ),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  DATABASE_APP_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('haven'),
  HAVEN_JWT_SECRET: secret,
  HAVEN_PEPPER: secret,
  HAVEN_PEPPER_VERSION: z.coerce.number().int().min(1).default(1),
  HAVEN_SEAL_SEED: secret,
  HAVEN_DB_APP_PASSWORD: z.string().min(16).optional(),
  HAVEN_ADMIN_EMAIL: z.string().email().optional(),
  HAVEN_ADMIN_PASSWORD: z.string().min(12).max(256).optional(),
  HAVEN_BCRYPT_COST: z.coerce.number().int().min(12, 'must be at least 12').max(15).default(12),
  HAVEN_KDF_OPS: z.coerce.number().int().min(2, 'must be at least 2').default(2),
  HAVEN_KDF_MEM_MIB: z.coerce.number().int().min(64, 'must be at least 64').default(64),
  HAVEN_ARGON2_THREADS: z.coerce.number().int().min(1).max(16).default(2),
  HAVEN_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  HAVEN_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  HAVEN_LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  HAVEN_LOGIN_FAILURES_PER_IP: z.coerce.number().int().min(1).default(100),
  HAVEN_LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  HAVEN_SIGNUPS_PER_IP: z.coerce.number().int().min(1).default(20),
  HAVEN_RECOVERIES_PER_IP: z.coerce.number().int().min(1).default(10),
  HAVEN_IP_LIMIT_WINDOW_MINUTES: z.coerce.number().int().min(1).default(60),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// URL')
    .optional(),
  MAIL_OUTBOX_DIR: z.string().min(1).optional(),
  MAIL_FROM: z.string().min(3).max(320).default('Haven <no-reply@haven.invalid>'),
  HAVEN_OUTBOX_KEY: secret,
});

export type Environment = z.infer<typeof environmentSchema>;
