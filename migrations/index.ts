import { CreateAppRole1764100000000 } from './1764100000000-CreateAppRole.js';
import { CreateAccounts1764100000100 } from './1764100000100-CreateAccounts.js';
import { CreateAuditEvents1764100000200 } from './1764100000200-CreateAuditEvents.js';

/** Every migration, in order. Landed migrations are history: add new ones, never edit these. */
export const migrations = [CreateAppRole1764100000000, CreateAccounts1764100000100, CreateAuditEvents1764100000200];
