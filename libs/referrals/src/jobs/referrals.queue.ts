import type { JobSchedule } from '#haven/platform';

/** The referrals queue, its job and its payload: a date and who asked, never a provider's details. */
export const REFERRALS_QUEUE = 'referrals';

export const REVETTING_SWEEP = 'revetting-sweep';

export interface ReferralsJobPayloads {
  /** `asOf` (YYYY-MM-DD) for a run by hand; the scheduled run sweeps for today (UTC). */
  [REVETTING_SWEEP]: { requestedBy: 'schedule' | 'cli'; asOf?: string };
}

/** Daily, 06:15 UTC. */
export const REVETTING_SWEEP_SCHEDULE: JobSchedule<ReferralsJobPayloads[typeof REVETTING_SWEEP]> = {
  queue: REFERRALS_QUEUE,
  schedulerId: 'daily-revetting-sweep',
  pattern: '15 6 * * *',
  job: { name: REVETTING_SWEEP, data: { requestedBy: 'schedule' } },
};
