/** Certification's queue, its jobs, and the one payload type each carries (ids and dates only). */
export const CERTIFICATION_QUEUE = 'certification';

export const RENEWAL_SWEEP = 'renewal-sweep';

export interface CertificationJobPayloads {
  /** `asOf` absent: the day the job runs (UTC), as the daily scheduler wants. */
  [RENEWAL_SWEEP]: { asOf?: string; requestedBy: 'schedule' | 'cli' };
}

/** What a sweep reports while it runs (job progress) and when it ends (job result). */
export interface SweepOutcome {
  asOf: string;
  reminders: number;
  lapses: number;
  lapseNotices: number;
}

/** The jobId of a sweep: derived from what it sweeps, unique per request (a replay is a new sweep). */
export function renewalSweepJobId(asOf: string, requestId: string): string {
  return `renewal-sweep:${asOf}:${requestId}`;
}
