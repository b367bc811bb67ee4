/** The audit trail's queue, its jobs, and the one payload type each carries (ids only, never content). */
export const AUDIT_QUEUE = 'audit';

export const VERIFY_AUDIT_CHAIN = 'verify-audit-chain';

export interface AuditJobPayloads {
  [VERIFY_AUDIT_CHAIN]: { requestedBy: 'schedule' | 'cli' };
}
