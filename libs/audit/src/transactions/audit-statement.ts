import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { AuditEventInput } from '../audit-event-input.js';

// The event waits in audit_pending until COMMIT, where a deferred trigger links it into the chain
// under the chain's lock (migration 1764400000000): no request holds that lock across a round trip.
const INSERT_PENDING = `INSERT INTO audit_pending (id, occurred_at, actor_id, actor_role, action, subject_id, outcome)`;

/** The values of one new event, in INSERT_PENDING's column order. */
function pendingValues(input: AuditEventInput): (string | null)[] {
  return [
    randomUUID(),
    new Date().toISOString(),
    input.actorId,
    input.actorRole,
    input.action,
    input.subjectId ?? null,
    input.outcome,
  ];
}

/** The parameterised INSERT of one event, for a statement of its own. */
export function auditInsert(input: AuditEventInput): { sql: string; parameters: (string | null)[] } {
  return { sql: `${INSERT_PENDING} VALUES ($1, $2, $3, $4, $5, $6, $7)`, parameters: pendingValues(input) };
}

/**
 * The one kind of SQL text a transaction sends in the same message as COMMIT (one round trip for
 * both; the extended protocol that carries parameters cannot put two statements in one message).
 * The constructor is private and the class is not exported from `#haven/audit`: the only way to get
 * one is `AuditStatement.appending(event)`, which quotes every value with pg's escapeLiteral.
 */
export class AuditStatement {
  private constructor(readonly sql: string) {}

  static appending(input: AuditEventInput): AuditStatement {
    const values = pendingValues(input).map((value) => (value === null ? 'NULL' : pg.escapeLiteral(value)));
    return new AuditStatement(`${INSERT_PENDING} VALUES (${values.join(', ')})`);
  }
}
