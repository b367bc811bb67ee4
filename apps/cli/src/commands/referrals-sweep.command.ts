import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditModule } from '#haven/audit';
import { isLocalDate } from '#haven/ethics';
import { ConfigModule, DatabaseModule, type HavenConfig, RedisModule } from '#haven/platform';
import { ReferralsModule, RevettingSweep } from '#haven/referrals';

/** What the sweep needs: the database, Redis (for the mail queue) and the referrals feature. */
@Module({ imports: [ConfigModule, DatabaseModule, RedisModule, AuditModule, ReferralsModule] })
class ReferralsSweepModule {}

/**
 * Runs the re-vetting sweep for `--as-of YYYY-MM-DD` (default today, UTC) in this process and
 * prints what it queued: a count and one line per reminder (provider, coach, due day). Safe to
 * run again, or beside the worker: each reminder is claimed once.
 */
export async function referralsSweepCommand(_config: HavenConfig, args: string[]): Promise<number> {
  const asOf = asOfArgument(args);
  if (asOf === null) {
    console.error('referrals:sweep: --as-of must be a calendar date written YYYY-MM-DD');
    return 2;
  }
  const context = await NestFactory.createApplicationContext(ReferralsSweepModule, { logger: ['error', 'warn'] });
  try {
    const result = await context.get(RevettingSweep).run(asOf);
    console.log(
      `referrals:sweep: ${result.sent.length} re-vetting reminder(s) sent for ${result.asOf}` +
        ` (${result.alreadyClaimed} already sent before)`,
    );
    for (const reminder of result.sent) {
      console.log(`  provider ${reminder.providerId} (coach ${reminder.coachId}): vetting due ${reminder.dueOn}`);
    }
    return 0;
  } finally {
    await context.close();
  }
}

/** The value of `--as-of` (also `--as-of=`), today (UTC) without one, null when malformed. */
function asOfArgument(args: string[]): string | null {
  const index = args.findIndex((arg) => arg === '--as-of' || arg.startsWith('--as-of='));
  if (index === -1) return new Date().toISOString().slice(0, 10);
  const value = args[index]!.includes('=') ? args[index]!.slice('--as-of='.length) : args[index + 1];
  return isLocalDate(value) ? value : null;
}
