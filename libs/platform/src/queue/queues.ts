/** Every BullMQ queue. Names are hash-tagged in Redis Cluster deployments by the prefix, not here. */
export enum QueueName {
  AUDIT = 'audit',
}

/** Every job name, and the one payload type each carries: ids only, never confidential content. */
export enum JobName {
  VERIFY_AUDIT_CHAIN = 'verify-audit-chain',
}

export interface JobPayloads {
  [JobName.VERIFY_AUDIT_CHAIN]: { requestedBy: 'schedule' | 'cli' };
}
