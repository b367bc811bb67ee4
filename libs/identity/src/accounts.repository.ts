import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccountEntity } from './account.entity.js';

/** Named queries over accounts. Emails are stored normalised (normalizeEmail), so lookups are exact. */
@Injectable()
export class AccountsRepository {
  findByEmail(manager: EntityManager, email: string): Promise<AccountEntity | null> {
    return manager.findOneBy(AccountEntity, { email: normalizeEmail(email) });
  }

  findById(manager: EntityManager, id: string): Promise<AccountEntity | null> {
    return manager.findOneBy(AccountEntity, { id });
  }

  /** Inserts unless the email is taken; returns null when it was. */
  async insertIfEmailFree(
    manager: EntityManager,
    account: Omit<AccountEntity, 'createdAt' | 'passwordChangedAt'>,
  ): Promise<AccountEntity | null> {
    const stored = { ...account, email: normalizeEmail(account.email) };
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(AccountEntity)
      .values(stored)
      .orIgnore()
      .returning('id')
      .execute();
    return result.raw.length === 1 ? { ...stored, createdAt: new Date(), passwordChangedAt: new Date() } : null;
  }

  /**
   * Writes a new password hash and vault wrap. With `recoveryWrap`, also swaps the recovery wrap,
   * but only if the stored one is still the one that was used: a recovery key works once, even
   * when two recoveries race. Returns whether the row was written.
   */
  async replacePassword(
    manager: EntityManager,
    id: string,
    change: Pick<AccountEntity, 'passwordHash' | 'pepperVersion' | 'vaultKdf' | 'vaultWrappedByPassword'>,
    recoveryWrap?: { used: string; replacement: string },
  ): Promise<boolean> {
    const update = manager
      .createQueryBuilder()
      .update(AccountEntity)
      .set({
        ...change,
        passwordChangedAt: new Date(),
        ...(recoveryWrap ? { vaultWrappedByRecovery: recoveryWrap.replacement } : {}),
      })
      .where('id = :id', { id });
    if (recoveryWrap) update.andWhere('vault_wrapped_by_recovery = :used', { used: recoveryWrap.used });
    return (await update.execute()).affected === 1;
  }
}

/**
 * The one form an email is stored, compared and throttled in: trimmed, lower-cased, then Unicode
 * NFC, so "zoë" typed composed (U+00EB) or decomposed (e + U+0308) is one address.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase().normalize('NFC');
}
