export * from './audit.module.js';
export * from './audit.service.js';
export { AuditEventEntity } from './audit-event.entity.js';
export * from './audit-jobs.module.js';
export * from './jobs/audit.queue.js';
export { Transactions } from './transactions/transactions.js';
export type { Queries, Transaction } from './transactions/queries.js';
