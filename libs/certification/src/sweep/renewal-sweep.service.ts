import { Injectable } from '@nestjs/common';
import { Transactions } from '#haven/audit';
import { daysBetween, dueReminders, ethicsReviewInCycle, type LocalDate, REMINDER_OFFSETS_DAYS } from '#haven/ethics';
import { lapseNoticeMail, renewalReminderMail } from '../certification-mails.js';
import { CertificationRepository } from '../certification.repository.js';
import type { SweepOutcome } from '../jobs/certification.queue.js';
import { MailOutbox } from '#haven/mail';
import { type ReminderCandidate, SweepRepository } from './sweep.repository.js';

/** Cycles per transaction: a crash loses at most one uncommitted batch, which the next sweep redoes. */
export const SWEEP_BATCH_SIZE = 200;

/**
 * The renewal sweep as of a date (CERT_REMINDERS, CERT_RENEWAL): stores lapses and tells the body,
 * then claims each due reminder and queues its email in the same transaction. Postgres decides
 * what is done (claims, stored lapses), so the sweep is safe to run twice, at once, or after a crash.
 */
@Injectable()
export class RenewalSweepService {
  constructor(
    private readonly transactions: Transactions,
    private readonly sweep: SweepRepository,
    private readonly certifications: CertificationRepository,
    private readonly outbox: MailOutbox,
  ) {}

  async run(
    asOf: LocalDate,
    progress: (outcome: SweepOutcome) => Promise<void> = async () => {},
  ): Promise<SweepOutcome> {
    const outcome: SweepOutcome = { asOf, reminders: 0, lapses: 0, lapseNotices: 0 };
    for (;;) {
      const lapsed = await this.lapseBatch(asOf, outcome);
      if (lapsed === 0) break;
      await progress(outcome);
    }
    let after: { expiresOn: LocalDate; cycleId: string } | null = null;
    for (;;) {
      const last = await this.reminderBatch(asOf, after, outcome);
      if (last === null) break;
      after = last;
      await progress(outcome);
    }
    return outcome;
  }

  private lapseBatch(asOf: LocalDate, outcome: SweepOutcome): Promise<number> {
    return this.transactions.asRenewalSweeper(async (tx) => {
      const lapsed = await this.sweep.lapseExpired(tx, asOf, SWEEP_BATCH_SIZE);
      const certifiersByBody = new Map<string, { id: string; email: string }[]>();
      for (const cycle of lapsed) {
        if (!certifiersByBody.has(cycle.bodyId)) {
          certifiersByBody.set(cycle.bodyId, await this.certifications.certifiersOfBody(tx, cycle.bodyId));
        }
        for (const certifier of certifiersByBody.get(cycle.bodyId)!) {
          const queued = await this.outbox.queue(
            tx,
            `lapse-notice:${cycle.cycleId}:${certifier.id}`,
            lapseNoticeMail({ to: certifier.email, ...cycle }),
          );
          if (queued) outcome.lapseNotices++;
        }
        tx.auditOnCommit({
          actorId: null,
          actorRole: 'system',
          action: 'certification.lapse',
          subjectId: cycle.coachId,
          outcome: 'success',
        });
      }
      outcome.lapses += lapsed.length;
      return lapsed.length;
    });
  }

  /** One batch of candidates; the position of the last one read, or null when none was left. */
  private reminderBatch(
    asOf: LocalDate,
    after: { expiresOn: LocalDate; cycleId: string } | null,
    outcome: SweepOutcome,
  ): Promise<{ expiresOn: LocalDate; cycleId: string } | null> {
    return this.transactions.asRenewalSweeper(async (tx) => {
      const candidates = await this.sweep.reminderCandidates(tx, asOf, after, SWEEP_BATCH_SIZE);
      for (const candidate of candidates) {
        const [due] = dueReminders({ expiresOn: candidate.expiresOn, asOf, alreadySent: candidate.claimed });
        if (due === undefined) continue;
        const skipped = REMINDER_OFFSETS_DAYS.filter((offset) => offset > due && !candidate.claimed.includes(offset));
        const claimed = await this.sweep.claimReminders(tx, { ...candidate, asOf, sent: due, skipped });
        if (!claimed.includes(due)) continue;
        await this.outbox.queue(tx, `renewal-reminder:${candidate.cycleId}:${due}`, reminderMail(candidate, asOf));
        outcome.reminders++;
      }
      const last = candidates.at(-1);
      return last ? { expiresOn: last.expiresOn, cycleId: last.cycleId } : null;
    });
  }
}

function reminderMail(candidate: ReminderCandidate, asOf: LocalDate) {
  return renewalReminderMail({
    to: candidate.coachEmail,
    bodyName: candidate.bodyName,
    credentialNumber: candidate.credentialNumber,
    expiresOn: candidate.expiresOn,
    daysLeft: daysBetween(asOf, candidate.expiresOn),
    ethicsReviewMissing: !ethicsReviewInCycle({
      ethicsReviewCompletedOn: candidate.ethicsReviewCompletedOn,
      cycleStartedOn: candidate.issuedOn,
      asOf,
    }),
  });
}
