import { NestFactory } from '@nestjs/core';
import { IdentityService } from '#haven/identity';
import { type HavenConfig, migrateDatabase, readOrGenerateDevSecret } from '#haven/platform';
import { migrations } from '#haven/migrations';
import { CliModule } from '../cli.module.js';

const DEV_ADMIN_EMAIL = 'admin@haven.local';

/** Applies pending migrations as the owner role, then makes sure the platform admin exists. */
export async function migrateCommand(config: HavenConfig): Promise<void> {
  const applied = await migrateDatabase(config.database.ownerUrl, migrations, {
    name: config.database.appRole,
    password: config.database.appPassword,
  });
  console.log(applied.length > 0 ? `migrate: applied ${applied.join(', ')}` : 'migrate: schema is up to date');

  const admin = config.admin ?? developmentAdmin(config);
  if (!admin) {
    console.log('migrate: no HAVEN_ADMIN_EMAIL/HAVEN_ADMIN_PASSWORD set, no admin created');
    return;
  }
  const context = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    const outcome = await context.get(IdentityService).ensureAdmin(admin.email, admin.password);
    console.log(`migrate: admin ${admin.email} ${outcome === 'created' ? 'created' : 'already exists'}`);
    if (!config.admin && outcome === 'created') {
      console.log(`migrate: its password is in ${config.dataDir}/secrets/admin-password (development only)`);
    }
  } finally {
    await context.close();
  }
}

// Outside production a local admin is generated, so a fresh `npm start` has one; production sets both variables.
function developmentAdmin(config: HavenConfig): { email: string; password: string } | undefined {
  if (config.env === 'production') return undefined;
  return { email: DEV_ADMIN_EMAIL, password: readOrGenerateDevSecret(config.dataDir, 'admin-password') };
}
