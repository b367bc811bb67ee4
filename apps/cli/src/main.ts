import 'reflect-metadata';
import { CONFIG_EXIT_CODE, ConfigError, exitUnlessReachable, loadConfig, type ServiceNeeds } from '#haven/platform';

const usage = `Usage: npm run cli -- <command>

Commands:
  migrate          apply database migrations and create the platform admin
  schedules:sync   upsert the BullMQ job schedulers (nightly audit verification)
  audit:verify     recompute the audit hash chain and name the first broken event
  releases:verify  check a signed release's sealed evidence offline: <evidence.json> [--public-key <base64> --key-id <id>] [--document <file>]
  referrals:sweep [--as-of YYYY-MM-DD]
                   send the re-vetting reminders due on that day (default today) and list them
  renewals:sweep [--as-of YYYY-MM-DD]
                   run the renewal sweep through the worker and print the reminders and lapses`;

// What each command talks to, checked before it runs so a bad variable is one sentence.
const needs: Record<string, ServiceNeeds> = {
  migrate: { database: 'owner', redis: true },
  'schedules:sync': { redis: true },
  'audit:verify': { database: 'app' },
  'referrals:sweep': { database: 'app', redis: true },
  'renewals:sweep': { redis: true },
};

async function run(command: string | undefined): Promise<number> {
  const config = loadConfig();
  if (command && needs[command]) await exitUnlessReachable(`haven ${command}`, config, needs[command]);
  // Commands load Nest and the feature libs only once the services answer: a bad variable is quick to report.
  switch (command) {
    case 'migrate':
      await (await import('./commands/migrate.command.js')).migrateCommand(config);
      return 0;
    case 'schedules:sync':
      await (await import('./commands/schedules-sync.command.js')).schedulesSyncCommand(config);
      return 0;
    case 'audit:verify':
      return (await import('./commands/audit-verify.command.js')).auditVerifyCommand(config);
    case 'releases:verify':
      return (await import('./commands/releases-verify.command.js')).releasesVerifyCommand(
        config,
        process.argv.slice(3),
      );
    case 'referrals:sweep':
      return (await import('./commands/referrals-sweep.command.js')).referralsSweepCommand(
        config,
        process.argv.slice(3),
      );
    case 'renewals:sweep':
      return (await import('./commands/renewals-sweep.command.js')).renewalsSweepCommand(config, process.argv.slice(3));
    default:
      console.error(command ? `Unknown command "${command}".\n\n${usage}` : usage);
      return 2;
  }
}

try {
  process.exitCode = await run(process.argv[2]);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`haven ${process.argv[2] ?? 'cli'}: ${error.message}`);
  process.exitCode = CONFIG_EXIT_CODE;
}
