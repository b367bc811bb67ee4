import { Injectable } from '@nestjs/common';
import type { Queries } from '#haven/audit';
import { AccountEntity } from './account.entity.js';

/** Named queries over accounts. Emails are stored lower-cased, so lookups are exact. */
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
    const inserted = await db.query<{ id: string }>(
      `INSERT INTO accounts (id, email, display_name, role, password_hash, pepper_version,
                             vault_kdf, vault_wrapped_by_password, vault_wrapped_by_recovery)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        account.id,
        normalizeEmail(account.email),
        account.displayName,
        account.role,
        account.passwordHash,
        account.pepperVersion,
        account.vaultKdf === null ? null : JSON.stringify(account.vaultKdf),
        account.vaultWrappedByPassword,
        account.vaultWrappedByRecovery,
      ],
    );
    return inserted.length === 1 ? { ...account, createdAt: new Date(), passwordChangedAt: new Date() } : null;
  }

  async replacePassword(
    db: Queries,
    id: string,
    change: Pick<AccountEntity, 'passwordHash' | 'pepperVersion' | 'vaultKdf' | 'vaultWrappedByPassword'>,
  ): Promise<void> {
    await db.update(AccountEntity, { id }, { ...change, passwordChangedAt: new Date() });
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
