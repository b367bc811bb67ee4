// The public surface of #haven/records. Everything else in this folder is private.
export { RecordsModule, RecordsHttpModule } from './records.module.js';
export { RecordsService, type SessionCreated } from './records.service.js';
export { SessionNotFoundException } from './records.errors.js';
