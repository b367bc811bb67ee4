import { randomInt, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { addDays, type LocalDate } from '#haven/ethics';
import type { AuthenticatedAccount } from '#haven/identity';
import { NotFoundException } from '#haven/platform';
import { auditSampleMail } from './certification-mails.js';
import { CertificationAccess } from './certification-access.js';
import { CertificationRepository } from './certification.repository.js';
import { MailOutbox } from '#haven/mail';
import { todayUtc } from './today-utc.js';

/**
 * `count` distinct members of `population`, drawn with a CSPRNG (crypto.randomInt): a partial
 * Fisher-Yates shuffle, so every subset of that size is equally likely.
 */
export function drawSample<T>(population: readonly T[], count: number): T[] {
  const pool = [...population];
  const size = Math.min(count, pool.length);
  for (let index = 0; index < size; index++) {
    const pick = index + randomInt(pool.length - index);
    [pool[index], pool[pick]] = [pool[pick]!, pool[index]!];
  }
  return pool.slice(0, size);
}

/** How many of `populationSize` a `percent` sample draws: rounded up, so a non-empty population yields someone. */
export function sampleSize(populationSize: number, percent: number): number {
  return Math.ceil((populationSize * percent) / 100);
}

/** Random audit sampling of a body's coaches (CERT_AUDIT). */
@Injectable()
export class AuditSamplesService {
  constructor(
    private readonly access: CertificationAccess,
    private readonly repository: CertificationRepository,
    private readonly outbox: MailOutbox,
  ) {}

  /**
   * Draws `percent` of the body's coaches in good standing whose cycle expires within the window,
   * records the population and the draw (a row, and an audit event per coach), asks each drawn
   * coach for evidence by email and in their GET /me/certification.
   */
  draw(
    caller: AuthenticatedAccount,
    request: { percent: number; expiringWithinDays: number; evidenceDueOn: LocalDate },
  ): Promise<{ id: string; coachIds: string[] }> {
    const id = randomUUID();
    return this.access.asCertifier(caller, { action: 'certification.audit_sample', subjectId: id }, async (scope) => {
      const today = todayUtc();
      const population = await this.repository.expiringCoaches(
        scope.tx,
        today,
        addDays(today, request.expiringWithinDays),
      );
      const drawn = drawSample(population, sampleSize(population.length, request.percent)).sort();
      await this.repository.insertAuditSample(scope.tx, {
        id,
        bodyId: scope.body.id,
        certifierId: scope.certifierId,
        ...request,
        population,
        drawn,
      });
      const drawnSet = new Set(drawn);
      for (const coachId of population) {
        scope.tx.auditOnCommit({
          actorId: scope.certifierId,
          actorRole: caller.role,
          action: drawnSet.has(coachId) ? 'certification.audit_sample.drawn' : 'certification.audit_sample.not_drawn',
          subjectId: coachId,
          outcome: 'success',
        });
      }
      for (const coachId of drawn) {
        await this.repository.insertAuditRequest(scope.tx, {
          sampleId: id,
          coachId,
          bodyId: scope.body.id,
          certifierId: scope.certifierId,
          evidenceDueOn: request.evidenceDueOn,
        });
        const contact = await this.repository.coachContact(scope.tx, coachId);
        if (contact) {
          await this.outbox.queue(
            scope.tx,
            `audit-sample:${id}:${coachId}`,
            auditSampleMail({ to: contact.email, bodyName: scope.body.name, evidenceDueOn: request.evidenceDueOn }),
          );
        }
      }
      return { id, coachIds: drawn };
    });
  }

  /** The certifier marks one sampled coach's evidence received; it leaves the coach's certification page. */
  answer(caller: AuthenticatedAccount, sampleId: string, coachId: string): Promise<void> {
    return this.access.asCertifier(
      caller,
      { action: 'certification.audit_sample.answered', subjectId: coachId },
      async ({ tx }) => {
        if (!(await this.repository.answerAuditRequest(tx, sampleId, coachId)))
          throw new NotFoundException('audit sample request');
      },
    );
  }
}
