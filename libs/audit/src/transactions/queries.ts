import type { EntityTarget, FindManyOptions, FindOptionsWhere, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';
import type { AuditEventInput } from '../audit-event-input.js';

/**
 * What repositories read and write through: a handle on one connection, with no way to open,
 * commit or leave a transaction (no `save`, no `transaction`, no EntityManager). Raw SQL is for
 * repositories, in named functions with typed rows.
 */
export interface Queries {
  /** One statement; the rows it returns (RETURNING rows for an UPDATE or INSERT). */
  query<Row extends object = Record<string, unknown>>(sql: string, parameters?: readonly unknown[]): Promise<Row[]>;
  insert<Entity extends ObjectLiteral>(
    entity: EntityTarget<Entity>,
    values: QueryDeepPartialEntity<Entity> | QueryDeepPartialEntity<Entity>[],
  ): Promise<void>;
  /** The number of rows updated. */
  update<Entity extends ObjectLiteral>(
    entity: EntityTarget<Entity>,
    where: FindOptionsWhere<Entity>,
    values: QueryDeepPartialEntity<Entity>,
  ): Promise<number>;
  find<Entity extends ObjectLiteral>(entity: EntityTarget<Entity>, options: FindManyOptions<Entity>): Promise<Entity[]>;
  findOne<Entity extends ObjectLiteral>(
    entity: EntityTarget<Entity>,
    where: FindOptionsWhere<Entity>,
  ): Promise<Entity | null>;
  /** Appends an audit event now, with a statement of its own (in the transaction, if there is one). */
  appendAudit(event: AuditEventInput): Promise<void>;
}

/** Queries inside one open transaction, which Transactions commits or rolls back. */
export interface Transaction extends Queries {
  /**
   * Appends this audit event in the message that commits (no round trip of its own): the
   * transaction cannot commit without it, and a transaction that fails records nothing.
   */
  auditOnCommit(event: AuditEventInput): void;
  /**
   * Runs `task` once the transaction has committed, never when it rolls back: enqueuing a job
   * for a write belongs here, so no job runs for a write that did not happen. A task that fails
   * is logged, not thrown: the write it follows has committed.
   */
  afterCommit(task: () => Promise<unknown>): void;
}
