import { resolve } from 'node:path';
import { environmentSchema, type Environment } from './config.schema.js';
import { readOrGenerateDevSecret } from './dev-secrets.js';
import { HavenConfig, type HavenSecrets } from './haven-config.js';

/** Thrown when the environment cannot run Haven; the message names each bad variable. */
export class ConfigError extends Error {}

// Migrations grant to this role by name; a differently named login can be made a member of it.
export const APP_ROLE = 'haven_app';

const PRODUCTION_SECRETS = [
  'HAVEN_JWT_SECRET',
  'HAVEN_PEPPER',
  'HAVEN_SEAL_SEED',
  'HAVEN_OUTBOX_KEY',
  'DATABASE_APP_URL',
] as const;

/** Validates the environment once, at boot, and returns the typed configuration. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): HavenConfig {
  // `SMTP_URL=` in a .env file or compose means "not set", not "an invalid URL".
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const variable = issue.path.join('.');
      return source[variable] === undefined && issue.code === 'invalid_type'
        ? `${variable} is required`
        : `${variable} ${issue.message}`;
    });
    throw new ConfigError(`Haven cannot start, the configuration is invalid:\n  - ${lines.join('\n  - ')}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production') {
    const missing = PRODUCTION_SECRETS.filter((name) => !env[name]);
    if (missing.length > 0) {
      throw new ConfigError(
        `Haven refuses to start in production with generated development secrets: set ${missing.join(', ')}.`,
      );
    }
  }
  const dataDir = resolve(env.HAVEN_DATA_DIR);
  const secrets = resolveSecrets(env, dataDir);
  const appPassword = env.HAVEN_DB_APP_PASSWORD ?? readOrGenerateDevSecret(dataDir, 'db-app-password');
  const config: HavenConfig = {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    dataDir,
    logLevel: env.LOG_LEVEL,
    logFile: env.LOG_FILE,
    corsOrigins: env.CORS_ORIGINS,
    trustedProxies: env.HAVEN_TRUSTED_PROXIES,
    database: {
      ownerUrl: env.DATABASE_URL,
      appUrl: env.DATABASE_APP_URL ?? appUrlFromOwnerUrl(env.DATABASE_URL, APP_ROLE, appPassword),
      appRole: APP_ROLE,
      appPassword,
      poolSize: env.DATABASE_POOL_SIZE,
    },
    redis: { url: env.REDIS_URL, prefix: env.REDIS_PREFIX },
    secrets,
    admin:
      env.HAVEN_ADMIN_EMAIL && env.HAVEN_ADMIN_PASSWORD
        ? { email: env.HAVEN_ADMIN_EMAIL, password: env.HAVEN_ADMIN_PASSWORD }
        : undefined,
    auth: {
      bcryptCost: env.HAVEN_BCRYPT_COST,
      kdfOpsLimit: env.HAVEN_KDF_OPS,
      kdfMemLimitBytes: env.HAVEN_KDF_MEM_MIB * 1024 * 1024,
      argon2Threads: env.HAVEN_ARGON2_THREADS,
      sessionIdleSeconds: env.HAVEN_SESSION_IDLE_MINUTES * 60,
      sessionAbsoluteSeconds: env.HAVEN_SESSION_ABSOLUTE_HOURS * 3600,
      loginFailuresPerAccount: env.HAVEN_LOGIN_FAILURES_PER_ACCOUNT,
      loginFailuresPerIp: env.HAVEN_LOGIN_FAILURES_PER_IP,
      loginThrottleWindowSeconds: env.HAVEN_LOGIN_WINDOW_MINUTES * 60,
      signupsPerIp: env.HAVEN_SIGNUPS_PER_IP,
      recoveriesPerIp: env.HAVEN_RECOVERIES_PER_IP,
      ipLimitWindowSeconds: env.HAVEN_IP_LIMIT_WINDOW_MINUTES * 60,
    },
    mail: {
      smtpUrl: env.SMTP_URL,
      outboxDir: resolve(env.MAIL_OUTBOX_DIR ?? `${dataDir}/outbox`),
      from: env.MAIL_FROM,
    },
  };
  return Object.freeze(config);
}

function resolveSecrets(env: Environment, dataDir: string): HavenSecrets {
  const fromEnv = env.HAVEN_JWT_SECRET && env.HAVEN_PEPPER && env.HAVEN_SEAL_SEED && env.HAVEN_OUTBOX_KEY;
  const read = (value: string | undefined, name: string) =>
    Buffer.from(value ?? readOrGenerateDevSecret(dataDir, name), 'base64url');
  return {
    jwtSecret: read(env.HAVEN_JWT_SECRET, 'jwt.key'),
    pepper: read(env.HAVEN_PEPPER, `pepper-v${env.HAVEN_PEPPER_VERSION}.key`),
    pepperVersion: env.HAVEN_PEPPER_VERSION,
    sealSeed: read(env.HAVEN_SEAL_SEED, 'seal-seed.key'),
    outboxKey: read(env.HAVEN_OUTBOX_KEY, 'outbox.key'),
    source: fromEnv ? 'environment' : 'generated',
  };
}

// Local installs connect the app role to the same server as the owner; production sets DATABASE_APP_URL.
function appUrlFromOwnerUrl(ownerUrl: string, role: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}
