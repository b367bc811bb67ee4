import { Injectable, Logger } from '@nestjs/common';
import { type AuditEventInput, type AuditOutcome, type Transaction, Transactions } from '#haven/audit';
import type { AuthenticatedAccount } from '#haven/identity';
import { HavenException } from '#haven/platform';
import { type BodyRow, CertificationRepository } from './certification.repository.js';
import {
  CertificationErrorCode,
  CertificationException,
  CertificationRefusalException,
} from './certification.errors.js';

/** The audit event of a use case: ids only. */
export interface CertificationAction {
  action: string;
  subjectId: string | null;
}

/** What a certifier's use case works with: a transaction scoped to their body under RLS, and the body. */
export interface CertifierScope {
  tx: Transaction;
  certifierId: string;
  body: BodyRow;
}

/**
 * The ways into certification rows, each with its audit event in the same transaction and every
 * failure recorded on its own: as a certifier (app.current_certifier: their body's coaches only,
 * never a client table), as the coach (their own certification), or with no identity (admin work
 * on bodies and accounts, which have no coach rows).
 */
@Injectable()
export class CertificationAccess {
  private readonly logger = new Logger(CertificationAccess.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly repository: CertificationRepository,
  ) {}

  asCertifier<T>(
    caller: AuthenticatedAccount,
    event: CertificationAction,
    work: (scope: CertifierScope) => Promise<T>,
  ): Promise<T> {
    return this.audited(caller, event, () =>
      this.transactions.asCertifier(caller.accountId, async (tx) => {
        const body = await this.repository.bodyOfCertifier(tx, caller.accountId);
        if (!body) throw new CertificationException(CertificationErrorCode.NOT_A_CERTIFIER_OF_A_BODY);
        tx.auditOnCommit(auditEvent(caller, event, 'success'));
        return work({ tx, certifierId: caller.accountId, body });
      }),
    );
  }

  asCoach<T>(
    caller: AuthenticatedAccount,
    event: CertificationAction,
    work: (tx: Transaction) => Promise<T>,
  ): Promise<T> {
    return this.audited(caller, event, () =>
      this.transactions.asCoach(caller.accountId, (tx) => {
        tx.auditOnCommit(auditEvent(caller, event, 'success'));
        return work(tx);
      }),
    );
  }

  withoutCoach<T>(
    caller: AuthenticatedAccount,
    event: CertificationAction,
    work: (tx: Transaction) => Promise<T>,
  ): Promise<T> {
    return this.audited(caller, event, () =>
      this.transactions.transactionWithoutCoach((tx) => {
        tx.auditOnCommit(auditEvent(caller, event, 'success'));
        return work(tx);
      }),
    );
  }

  private async audited<T>(
    caller: AuthenticatedAccount,
    event: CertificationAction,
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof HavenException) {
        const outcome = error instanceof CertificationRefusalException ? 'refused' : 'failure';
        await this.transactions
          .autocommitWithoutCoach((db) => db.appendAudit(auditEvent(caller, event, outcome)))
          .catch((failure: unknown) =>
            this.logger.error({ err: failure }, `could not record audit event ${event.action} (${outcome})`),
          );
      }
      throw error;
    }
  }
}

function auditEvent(caller: AuthenticatedAccount, event: CertificationAction, outcome: AuditOutcome): AuditEventInput {
  return {
    actorId: caller.accountId,
    actorRole: caller.role,
    action: event.action,
    subjectId: event.subjectId,
    outcome,
  };
}
