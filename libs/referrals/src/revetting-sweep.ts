import { Injectable, Logger } from '@nestjs/common';
import { type Transaction, Transactions } from '#haven/audit';
import { REVETTING_REMINDER_DAYS, revettingReminderDue, vettingDueOn } from '#haven/ethics';
import { AccountEntity } from '#haven/identity';
import { MailOutbox } from '#haven/mail';
import type { ProviderEntity } from './provider.entity.js';
import { type ProviderDueRow, ProvidersRepository } from './providers.repository.js';

/** One reminder this run decided and queued. Ids and dates only. */
export interface RevettingReminder {
  coachId: string;
  providerId: string;
  dueOn: string;
}

export interface RevettingSweepResult {
  asOf: string;
  /** Reminders claimed and queued by this run. */
  sent: RevettingReminder[];
  /** Due providers whose reminder for that due day was already claimed (an earlier or concurrent run). */
  alreadyClaimed: number;
}

/**
 * Re-vetting reminders (PRACTICE_VETTED_REFERRAL): the coach is emailed about each provider whose
 * vetting runs out within 30 days, at most once per provider and due day. A claimed row decides:
 * `INSERT ... ON CONFLICT DO NOTHING RETURNING` on (provider, due day), and the mail is queued in
 * the outbox in that same transaction, so the claim and the pending mail commit together or not at
 * all. Safe to run twice, by two workers at once, and to kill at any point.
 */
@Injectable()
export class RevettingSweep {
  private readonly logger = new Logger(RevettingSweep.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly providers: ProvidersRepository,
    private readonly outbox: MailOutbox,
  ) {}

  /** The sweep for `asOf`; `coachIds` limits it to those coaches (an operator re-running one coach). */
  async run(asOf: string, coachIds?: readonly string[]): Promise<RevettingSweepResult> {
    // Across coaches, without bypassing row-level security: the SECURITY DEFINER function answers
    // ids, coach ids and dates only; each coach's claims are then written as that coach.
    const due = await this.transactions.transactionWithoutCoach((tx) =>
      this.providers.dueForRevetting(tx, asOf, REVETTING_REMINDER_DAYS),
    );
    const byCoach = new Map<string, ProviderDueRow[]>();
    for (const row of due) {
      if (coachIds && !coachIds.includes(row.coach_id)) continue;
      byCoach.set(row.coach_id, [...(byCoach.get(row.coach_id) ?? []), row]);
    }

    const result: RevettingSweepResult = { asOf, sent: [], alreadyClaimed: 0 };
    for (const [coachId, rows] of byCoach) {
      const outcome = await this.transactions.asCoach(coachId, (tx) => this.remindCoach(tx, coachId, rows, asOf));
      result.sent.push(...outcome.sent);
      result.alreadyClaimed += outcome.alreadyClaimed;
    }
    this.logger.log(
      `re-vetting sweep for ${asOf}: ${result.sent.length} reminders queued, ${result.alreadyClaimed} already claimed`,
    );
    return result;
  }

  private async remindCoach(
    tx: Transaction,
    coachId: string,
    rows: ProviderDueRow[],
    asOf: string,
  ): Promise<{ sent: RevettingReminder[]; alreadyClaimed: number }> {
    const coach = await tx.findOne(AccountEntity, { id: coachId });
    const sent: RevettingReminder[] = [];
    let alreadyClaimed = 0;
    for (const row of rows) {
      const dueOn = vettingDueOn(row.last_vetted_on, row.vetting_period_months);
      if (!revettingReminderDue(dueOn, asOf)) continue;
      const provider = await this.providers.findOne(tx, coachId, row.provider_id);
      if (!coach || !provider) continue;
      if (!(await this.providers.claimReminder(tx, coachId, provider.id, dueOn, new Date()))) {
        alreadyClaimed++;
        continue;
      }
      await this.outbox.queue(tx, `revetting:${provider.id}:${dueOn}`, reminderMail(coach, provider, dueOn, asOf));
      sent.push({ coachId, providerId: provider.id, dueOn });
    }
    if (sent.length > 0) {
      // One event per coach and run: ids only (the provider ids are in the claim rows).
      tx.auditOnCommit({
        actorId: null,
        actorRole: 'system',
        action: 'provider.revetting_reminder',
        subjectId: coachId,
        outcome: 'success',
      });
    }
    return { sent, alreadyClaimed };
  }
}

// The coach's own professional contact and a date: no client data (docs/threat-model.md).
function reminderMail(coach: AccountEntity, provider: ProviderEntity, dueOn: string, asOf: string) {
  const lapsed = dueOn <= asOf;
  return {
    to: coach.email,
    subject: lapsed ? 'Haven: a provider needs re-vetting' : 'Haven: a provider’s vetting runs out soon',
    text: [
      `Hello ${coach.displayName},`,
      '',
      lapsed
        ? `Your vetting of ${provider.name} ran out on ${dueOn}. Until you vet them again, Haven will not let you refer a client to them.`
        : `Your vetting of ${provider.name} runs out on ${dueOn}. From that day on, Haven will not let you refer a client to them until you vet them again.`,
      '',
      'Re-vet them and record it in Haven (Providers, then "Record a vetting").',
      '',
      'This reminder is sent once for this vetting.',
    ].join('\n'),
  };
}
