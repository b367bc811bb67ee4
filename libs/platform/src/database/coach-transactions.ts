import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Runs work in one transaction whose row-level-security identity is set with
 * `set_config('app.current_coach', $1, true)`: transaction-local, so it cannot leak to the next
 * request on a pooled connection (a plain SET did, in a trial). Pass the EntityManager down.
 */
@Injectable()
export class CoachTransactions {
  constructor(private readonly dataSource: DataSource) {}

  /** Work that touches a coach's rows: RLS lets it see only that coach's rows. */
  asCoach<T>(coachId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.run(coachId, work);
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

  private run<T>(coachId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.current_coach', $1, true)`, [coachId]);
      return work(manager);
    });
  }
}
