import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UUID } from '#haven/platform';
import type { AuditStatement } from './audit-statement.js';
import type { Queries, Transaction } from './queries.js';
import { QueriesOnRunner, TransactionHandle } from './transaction-handle.js';

/**
 * The three ways code reaches the database. Row-level security hides every coach-owned row unless
 * `app.current_coach` names the coach, set transaction-local with `set_config(..., true)` so it
 * cannot leak to the next request on a pooled connection (a plain SET did, in a trial).
 *
 * Work gets a Transaction (or Queries) handle, never an EntityManager: nothing in it can open,
 * commit or leave the transaction, so no write can escape the RLS identity or the audit event.
 */
@Injectable()
export class Transactions {
  private readonly logger = new Logger(Transactions.name);

  constructor(private readonly dataSource: DataSource) {}

  /** One transaction as the coach: RLS lets it see and write only that coach's rows. */
  asCoach<T>(coachId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
    if (!UUID.test(coachId)) return Promise.reject(new TypeError('a coach id must be a UUID'));
    return this.run(coachSetting(coachId), work);
  }

  /**
   * One transaction as the holder of a signing link: no coach, and `app.signing_token_hash` set to
   * the SHA-256 (hex) of the link's token, which one policy on `releases` matches (docs/decisions.md,
   * "How tokens and certifiers will reach their rows under RLS"). Every other table looks empty.
   */
  asSigner<T>(tokenHash: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
    if (!SHA256_HEX.test(tokenHash)) return Promise.reject(new TypeError('a token hash must be SHA-256 hex'));
    return this.run(`${coachSetting('')}, set_config('app.signing_token_hash', '${tokenHash}', true)`, work);
  }

  /**
   * One transaction for the release expiry sweep: no coach, and `app.release_sweep` set to
   * 'expire', which one policy on `releases` matches for rows past their expiry only.
   */
  asReleaseExpirySweep<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.run(`${coachSetting('')}, set_config('app.release_sweep', 'expire', true)`, work);
  }

  /**
   * One transaction as a certifier: `app.current_certifier` names their account, and only the
   * certification tables have a policy on it (their body's rows); clients and records stay empty.
   */
  asCertifier<T>(certifierId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
    if (!UUID.test(certifierId)) return Promise.reject(new TypeError('a certifier id must be a UUID'));
    return this.run(`${coachSetting('')}, set_config('app.current_certifier', '${certifierId}', true)`, work);
  }

  /**
   * One transaction as the renewal sweep: `app.sweeper = 'renewals'` opens the certification
   * tables the sweep reads and writes (and nothing else) across coaches. No coach, no certifier.
   */
  asRenewalSweeper<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.run(`${coachSetting('')}, set_config('app.sweeper', 'renewals', true)`, work);
  }

  /** One transaction with no RLS identity (accounts, audit): every coach-owned table looks empty. */
  transactionWithoutCoach<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.run(coachSetting(''), work);
  }

  /**
   * No transaction at all: each statement commits on its own, with no RLS identity. For a single
   * statement on a table without row-level security (accounts, audit_pending), which saves three
   * round trips on every authenticated request.
   */
  async autocommitWithoutCoach<T>(work: (db: Queries) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await work(new QueriesOnRunner(runner));
    } finally {
      await runner.release();
    }
  }

  /**
   * BEGIN and the identity travel in one simple-protocol message (one round trip instead of two,
   * on every request that touches client data). That is why the settings are literals: each is
   * '', a UUID or SHA-256 hex checked above, or a constant, so none can carry SQL. The audit events the work asked for travel
   * with COMMIT, as AuditStatements (quoted SQL only audit code can build). (A connection that
   * broke mid-transaction is dropped from the pool by TypeORM's own error listener.)
   */
  private async run<T>(identity: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const tx = new TransactionHandle(runner);
    let result: T;
    try {
      await runner.query(`BEGIN; SELECT ${identity}`);
      result = await work(tx);
      // If a statement fails, Postgres skips the COMMIT after it and the catch below rolls back.
      await runner.query(commitMessage(tx.statementsBeforeCommit()));
    } catch (error) {
      // The original error is the one worth reporting; a failed ROLLBACK means a dead connection.
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
    await this.runAfterCommit(tx.afterCommitTasks);
    return result;
  }

  private async runAfterCommit(tasks: (() => Promise<unknown>)[]): Promise<void> {
    for (const task of tasks) {
      try {
        await task();
      } catch (error) {
        this.logger.error({ err: error }, 'a task after commit failed; the write it follows is committed');
      }
    }
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

// The id is '' or a UUID checked by the caller, so it cannot carry SQL.
function coachSetting(coachId: string): string {
  return `set_config('app.current_coach', '${coachId}', true)`;
}

function commitMessage(statements: AuditStatement[]): string {
  return [...statements.map((statement) => statement.sql), 'COMMIT'].join('; ');
}
