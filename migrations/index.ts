import { CreateAppRole1764100000000 } from './1764100000000-CreateAppRole.js';
import { CreateAccounts1764100000100 } from './1764100000100-CreateAccounts.js';
import { CreateAuditEvents1764100000200 } from './1764100000200-CreateAuditEvents.js';
import { CreateClients1764200000000 } from './1764200000000-CreateClients.js';
import { CreateSessionRecords1764200000100 } from './1764200000100-CreateSessionRecords.js';
import { CreateClientFollowUps1764200000200 } from './1764200000200-CreateClientFollowUps.js';
import { CreateAuditChainTail1764300000000 } from './1764300000000-CreateAuditChainTail.js';
import { ChainAuditEventsAtCommit1764400000000 } from './1764400000000-ChainAuditEventsAtCommit.js';
import { NormalizeAccountEmails1764600000000 } from './1764600000000-NormalizeAccountEmails.js';
import { CreateMailOutbox1764700000000 } from './1764700000000-CreateMailOutbox.js';
import { CreateReleases1764800000000 } from './1764800000000-CreateReleases.js';
import { CreateReferrals1764900000000 } from './1764900000000-CreateReferrals.js';
import { CreateCertifications1765000000000 } from './1765000000000-CreateCertifications.js';

/** Every migration, in order. Landed migrations are history: add new ones, never edit these. */
export const migrations = [
  CreateAppRole1764100000000,
  CreateAccounts1764100000100,
  CreateAuditEvents1764100000200,
  CreateClients1764200000000,
  CreateSessionRecords1764200000100,
  CreateClientFollowUps1764200000200,
  CreateAuditChainTail1764300000000,
  ChainAuditEventsAtCommit1764400000000,
  NormalizeAccountEmails1764600000000,
  CreateMailOutbox1764700000000,
  CreateReleases1764800000000,
  CreateReferrals1764900000000,
  CreateCertifications1765000000000,
];
