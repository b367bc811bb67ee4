import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UUID } from '../http/parse-id.pipe.js';

/**
 * A statement to run last, sent in the same message as COMMIT (one round trip for both), built once
 * the work has succeeded. It is plain SQL text: every value in it must be quoted with
 * `pg.escapeLiteral` (AuditService.appendStatement is the one producer).
 */
export type StatementBeforeCommit = () => string;

/**
 * Runs work in one transaction whose row-level-security identity is set with
 * `set_config('app.current_coach', <id>, true)`: transaction-local, so it cannot leak to the next
 * request on a pooled connection (a plain SET did, in a trial). Pass the EntityManager down.
 *
 * The work may query, insert, update and find through the manager; it must not call
 * `manager.transaction` or `manager.save` (TypeORM does not know this transaction is open, see run).
 */
@Injectable()
export class CoachTransactions {
  constructor(private readonly dataSource: DataSource) {}

  /** Work that touches a coach's rows: RLS lets it see only that coach's rows. */
  asCoach<T>(
    coachId: string,
    work: (manager: EntityManager) => Promise<T>,
    beforeCommit?: StatementBeforeCommit,
  ): Promise<T> {
    if (!UUID.test(coachId)) return Promise.reject(new TypeError('a coach id must be a UUID'));
    return this.run(coachId, work, beforeCommit);
  }

  /** Work that touches no coach-owned row (accounts, audit): RLS-protected tables look empty. */
  withoutCoach<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.run('', work);
  }

  /**
   * One statement on a table without row-level security (accounts): no transaction needed, which
   * saves three round trips on every authenticated request.
   */
  outsideCoachScope<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return work(this.dataSource.manager);
  }

  /**
   * BEGIN and the identity travel in one simple-protocol message (one round trip instead of two,
   * on every request that touches client data). That is why the id is a literal: it is either ''
   * or a UUID checked above, so it cannot carry SQL. COMMIT and ROLLBACK are ours too. (A connection
   * that broke mid-transaction is dropped from the pool by TypeORM's own error listener.)
   */
  private async run<T>(
    coachId: string,
    work: (manager: EntityManager) => Promise<T>,
    beforeCommit?: StatementBeforeCommit,
  ): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.query(`BEGIN; SELECT set_config('app.current_coach', '${coachId}', true)`);
      const result = await work(runner.manager);
      // If the statement fails, Postgres skips the COMMIT after it and the catch below rolls back.
      await runner.query(beforeCommit ? `${beforeCommit()}; COMMIT` : 'COMMIT');
      return result;
    } catch (error) {
      // The original error is the one worth reporting; a failed ROLLBACK means a dead connection.
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}
