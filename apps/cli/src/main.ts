import 'reflect-metadata';
import { ConfigError, loadConfig } from '#haven/platform';
import { auditVerifyCommand } from './commands/audit-verify.command.js';
import { migrateCommand } from './commands/migrate.command.js';
import { schedulesSyncCommand } from './commands/schedules-sync.command.js';

const usage = `Usage: npm run cli -- <command>

Commands:
  migrate          apply database migrations and create the platform admin
  schedules:sync   upsert the BullMQ job schedulers (nightly audit verification)
  audit:verify     recompute the audit hash chain and name the first broken event`;

async function run(command: string | undefined): Promise<number> {
  const config = loadConfig();
  switch (command) {
    case 'migrate':
      await migrateCommand(config);
      return 0;
    case 'schedules:sync':
      await schedulesSyncCommand(config);
      return 0;
    case 'audit:verify':
      return auditVerifyCommand(config);
    default:
      console.error(command ? `Unknown command "${command}".\n\n${usage}` : usage);
      return 2;
  }
}

try {
  process.exitCode = await run(process.argv[2]);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}
