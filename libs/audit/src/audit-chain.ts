import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The hash the first event of the chain links to. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an event says. Never confidential content: ids, roles, actions and outcomes only. */
export interface AuditEntry {
  seq: string;
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subjectId: string | null;
  outcome: string;
}

/** entry_hash = SHA-256(prev_hash || RFC 8785 canonical JSON of the entry), hex. */
export function chainHash(prevHash: string, entry: AuditEntry): string {
  const canonical = canonicalize(entry);
  if (canonical === undefined) throw new Error('audit entry cannot be canonicalized');
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}
