export type AuditOutcome = 'success' | 'failure' | 'refused';

/** One audit event: who, in which role, did what to which subject, and how it ended. Ids only. */
export interface AuditEventInput {
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subjectId?: string | null;
  outcome: AuditOutcome;
}
