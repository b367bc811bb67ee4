import { Injectable } from '@nestjs/common';
import type { Queries } from '#haven/audit';
import { AccountEntity } from './account.entity.js';

/** Named queries over accounts. Emails are stored normalised (normalizeEmail), so lookups are exact. */
@Injectable()
export class AccountsRepository {
  findByEmail(db: Queries, email: string): Promise<AccountEntity | null> {
    return db.findOne(AccountEntity, { email: normalizeEmail(email) });
  }

  findById(db: Queries, id: string): Promise<AccountEntity | null> {
    return db.findOne(AccountEntity, { id });
  }

  /** Inserts unless the email is taken; returns null when it was. */
  async insertIfEmailFree(
    db: Queries,
    account: Omit<AccountEntity, 'createdAt' | 'passwordChangedAt'>,
  ): Promise<AccountEntity | null> {
    const email = normalizeEmail(account.email);
    const inserted = await db.query<{ id: string }>(
      `INSERT INTO accounts (id, email, display_name, role, password_hash, pepper_version,
                             vault_kdf, vault_wrapped_by_password, vault_wrapped_by_recovery)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        account.id,
        email,
        account.displayName,
        account.role,
        account.passwordHash,
        account.pepperVersion,
        account.vaultKdf === null ? null : JSON.stringify(account.vaultKdf),
        account.vaultWrappedByPassword,
        account.vaultWrappedByRecovery,
      ],
    );
    return inserted.length === 1 ? { ...account, email, createdAt: new Date(), passwordChangedAt: new Date() } : null;
  }

  /**
   * Writes a new password hash and vault wrap. With `recoveryWrap`, also swaps the recovery wrap,
   * but only if the stored one is still the one that was used: a recovery key works once, even
   * when two recoveries race. Returns whether the row was written.
   */
  async replacePassword(
    db: Queries,
    id: string,
    change: Pick<AccountEntity, 'passwordHash' | 'pepperVersion' | 'vaultKdf' | 'vaultWrappedByPassword'>,
    recoveryWrap?: { used: string; replacement: string },
  ): Promise<boolean> {
    const written = await db.query<{ id: string }>(
      `UPDATE accounts
          SET password_hash = $2, pepper_version = $3, vault_kdf = $4, vault_wrapped_by_password = $5,
              password_changed_at = now(), vault_wrapped_by_recovery = COALESCE($6, vault_wrapped_by_recovery)
        WHERE id = $1 AND ($7::text IS NULL OR vault_wrapped_by_recovery = $7)
        RETURNING id`,
      [
        id,
        change.passwordHash,
        change.pepperVersion,
        change.vaultKdf === null ? null : JSON.stringify(change.vaultKdf),
        change.vaultWrappedByPassword,
        recoveryWrap?.replacement ?? null,
        recoveryWrap?.used ?? null,
      ],
    );
    return written.length === 1;
  }
}

/**
 * The one form an email is stored, compared and throttled in: trimmed, lower-cased, then Unicode
 * NFC, so "zoë" typed composed (U+00EB) or decomposed (e + U+0308) is one address.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase().normalize('NFC');
}
