import type {
  EntityTarget,
  FindManyOptions,
  FindOptionsWhere,
  ObjectLiteral,
  QueryDeepPartialEntity,
  QueryRunner,
} from 'typeorm';
import type { AuditEventInput } from '../audit-event-input.js';
import { AuditStatement, auditInsert } from './audit-statement.js';
import type { Queries, Transaction } from './queries.js';

/** Queries on one query runner: in a transaction Transactions opened, or autocommit. */
export class QueriesOnRunner implements Queries {
  // JavaScript-private: not even a cast reaches the runner, its manager, `save` or `transaction`.
  readonly #runner: QueryRunner;

  constructor(runner: QueryRunner) {
    this.#runner = runner;
  }

  async query<Row extends object = Record<string, unknown>>(
    sql: string,
    parameters?: readonly unknown[],
  ): Promise<Row[]> {
    // Structured: an UPDATE ... RETURNING gives its rows like a SELECT does.
    const result = await this.#runner.query(sql, parameters ? [...parameters] : undefined, true);
    return result.records as Row[];
  }

  async insert<Entity extends ObjectLiteral>(
    entity: EntityTarget<Entity>,
    values: QueryDeepPartialEntity<Entity> | QueryDeepPartialEntity<Entity>[],
  ): Promise<void> {
    await this.#runner.manager.insert(entity, values);
  }

  async update<Entity extends ObjectLiteral>(
    entity: EntityTarget<Entity>,
    where: FindOptionsWhere<Entity>,
    values: QueryDeepPartialEntity<Entity>,
  ): Promise<number> {
    return (await this.#runner.manager.update(entity, where, values)).affected ?? 0;
  }

  find<Entity extends ObjectLiteral>(
    entity: EntityTarget<Entity>,
    options: FindManyOptions<Entity>,
  ): Promise<Entity[]> {
    return this.#runner.manager.find(entity, options);
  }

  findOne<Entity extends ObjectLiteral>(
    entity: EntityTarget<Entity>,
    where: FindOptionsWhere<Entity>,
  ): Promise<Entity | null> {
    return this.#runner.manager.findOneBy(entity, where);
  }

  async appendAudit(event: AuditEventInput): Promise<void> {
    const { sql, parameters } = auditInsert(event);
    await this.#runner.query(sql, parameters);
  }
}

/** The transaction's handle, and what it collected for COMMIT and after. */
export class TransactionHandle extends QueriesOnRunner implements Transaction {
  readonly #auditEvents: AuditEventInput[] = [];
  readonly afterCommitTasks: (() => Promise<unknown>)[] = [];

  auditOnCommit(event: AuditEventInput): void {
    this.#auditEvents.push(event);
  }

  /** Built once the work has succeeded, so each event's time is when the action ended. */
  statementsBeforeCommit(): AuditStatement[] {
    return this.#auditEvents.map((event) => AuditStatement.appending(event));
  }

  afterCommit(task: () => Promise<unknown>): void {
    this.afterCommitTasks.push(task);
  }
}
