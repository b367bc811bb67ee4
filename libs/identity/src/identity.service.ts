import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { type Queries, Transactions } from '#haven/audit';
import {
  createVault,
  DecryptionError,
  InvalidRecoveryKeyError,
  unlockVaultWithPassword,
  unlockVaultWithRecoveryKey,
  wrapVaultForPassword,
} from '#haven/crypto';
import { HavenConfig, type Role } from '#haven/platform';
import type { AccountEntity } from './account.entity.js';
import { AccountsRepository } from './accounts.repository.js';
import { Argon2PoolHolder } from './argon2-pool.provider.js';
import type { AccessTokenClaims } from './auth/access-token.js';
import type { AuthenticatedAccount } from './auth/authenticated-account.js';
import type { ChangePasswordRequestDto } from './dto/change-password.request.dto.js';
import type { LoginRequestDto } from './dto/login.request.dto.js';
import type { RecoverRequestDto } from './dto/recover.request.dto.js';
import type { SignupRequestDto } from './dto/signup.request.dto.js';
import { IdentityErrorCode, IdentityException } from './identity.errors.js';
import { PasswordHasher } from './password-hasher.js';
import { assertAcceptablePassword } from './password-policy.js';
import { LoginThrottle } from './sessions/login-throttle.js';
import { SessionStore } from './sessions/session-store.js';

export interface LoginResult {
  accessToken: string;
  expiresIn: number;
  role: Role;
}

/** Accounts, logins and the coach's vault: the only place passwords and recovery keys are handled. */
@Injectable()
export class IdentityService {
  private readonly logger = new Logger(IdentityService.name);

  constructor(
    private readonly config: HavenConfig,
    private readonly transactions: Transactions,
    private readonly accounts: AccountsRepository,
    private readonly hasher: PasswordHasher,
    private readonly argon2: Argon2PoolHolder,
    private readonly sessions: SessionStore,
    private readonly throttle: LoginThrottle,
    private readonly jwt: JwtService,
  ) {}

  async signupCoach(request: SignupRequestDto): Promise<{ account: AccountEntity; recoveryKey: string }> {
    assertAcceptablePassword(request.password, [request.email, request.displayName]);
    const id = randomUUID();
    const { hash, pepperVersion } = await this.hasher.hash(request.password);
    const vault = await createVault({
      accountId: id,
      password: request.password,
      pepper: this.config.secrets.pepper,
      pool: this.argon2.pool,
      kdf: this.kdfOptions(),
    });
    const account = await this.transactions.transactionWithoutCoach(async (tx) => {
      const inserted = await this.accounts.insertIfEmailFree(tx, {
        id,
        email: request.email,
        displayName: request.displayName,
        role: 'coach',
        passwordHash: hash,
        pepperVersion,
        vaultKdf: vault.passwordWrap.kdf,
        vaultWrappedByPassword: vault.passwordWrap.wrappedKey,
        vaultWrappedByRecovery: vault.recoveryWrappedKey,
      });
      if (!inserted) throw new IdentityException(IdentityErrorCode.EMAIL_TAKEN);
      await tx.appendAudit({
        actorId: id,
        actorRole: 'coach',
        action: 'auth.signup',
        subjectId: id,
        outcome: 'success',
      });
      return inserted;
    });
    return { account, recoveryKey: vault.recoveryKey };
  }

  /** Creates a certifier or admin account (no vault: they never hold client records). */
  async createStaffAccount(
    db: Queries,
    input: { email: string; password: string; displayName: string; role: Exclude<Role, 'coach'> },
  ): Promise<AccountEntity | null> {
    assertAcceptablePassword(input.password, [input.email, input.displayName]);
    const { hash, pepperVersion } = await this.hasher.hash(input.password);
    return this.accounts.insertIfEmailFree(db, {
      id: randomUUID(),
      email: input.email,
      displayName: input.displayName,
      role: input.role,
      passwordHash: hash,
      pepperVersion,
      vaultKdf: null,
      vaultWrappedByPassword: null,
      vaultWrappedByRecovery: null,
    });
  }

  /** The platform admin from HAVEN_ADMIN_EMAIL / HAVEN_ADMIN_PASSWORD, created once. */
  async ensureAdmin(email: string, password: string): Promise<'created' | 'exists'> {
    return this.transactions.transactionWithoutCoach(async (tx) => {
      if (await this.accounts.findByEmail(tx, email)) return 'exists';
      const admin = await this.createStaffAccount(tx, {
        email,
        password,
        displayName: 'Platform admin',
        role: 'admin',
      });
      if (!admin) return 'exists';
      await tx.appendAudit({
        actorId: admin.id,
        actorRole: 'admin',
        action: 'admin.create',
        subjectId: admin.id,
        outcome: 'success',
      });
      return 'created';
    });
  }

  async login(request: LoginRequestDto, ip: string): Promise<LoginResult> {
    await this.throttle.assertAllowed(request.email, ip);
    const account = await this.transactions.autocommitWithoutCoach((db) =>
      this.accounts.findByEmail(db, request.email),
    );
    const passwordHolds = account
      ? await this.hasher.verify(request.password, account.passwordHash)
      : await this.hasher.spendDecoyTime(request.password).then(() => false);
    if (!account || !passwordHolds) {
      await this.throttle.recordFailure(request.email, ip);
      await this.record(account?.id ?? null, account?.role ?? null, 'auth.login', 'failure');
      throw new IdentityException(IdentityErrorCode.INVALID_CREDENTIALS);
    }
    const vaultKey = account.role === 'coach' ? await this.unlockWithPassword(account, request.password) : null;
    const session = await this.sessions.open(account.id, account.role, vaultKey);
    await this.record(account.id, account.role, 'auth.login', 'success');
    const claims: AccessTokenClaims = {
      sub: account.id,
      sid: session.sessionId,
      sk: Buffer.from(session.sessionSecret).toString('base64url'),
      role: account.role,
    };
    const expiresIn = this.config.auth.sessionAbsoluteSeconds;
    return { accessToken: await this.jwt.signAsync(claims, { expiresIn }), expiresIn, role: account.role };
  }

  async logout(caller: AuthenticatedAccount): Promise<void> {
    await this.sessions.end(caller.sessionId, caller.accountId);
    await this.record(caller.accountId, caller.role, 'auth.logout', 'success');
  }

  /** Re-wraps the same vault key under the new password and ends every other session. */
  async changePassword(caller: AuthenticatedAccount, request: ChangePasswordRequestDto): Promise<void> {
    const account = await this.requireAccount(caller.accountId);
    if (!(await this.hasher.verify(request.currentPassword, account.passwordHash))) {
      await this.record(account.id, account.role, 'auth.password_change', 'failure');
      throw new IdentityException(IdentityErrorCode.INVALID_CREDENTIALS, 'The current password is not correct.');
    }
    assertAcceptablePassword(request.newPassword, [account.email, account.displayName]);
    const vaultKey = account.role === 'coach' ? await this.unlockWithPassword(account, request.currentPassword) : null;
    await this.replacePassword(account, request.newPassword, vaultKey, 'auth.password_change');
    await this.sessions.endAllExcept(account.id, caller.sessionId);
  }

  /** A forgotten password: the recovery key unwraps the vault, which is then wrapped under the new password. */
  async recover(request: RecoverRequestDto, ip: string): Promise<void> {
    await this.throttle.assertAllowed(request.email, ip);
    const account = await this.transactions.autocommitWithoutCoach((db) =>
      this.accounts.findByEmail(db, request.email),
    );
    const vaultKey = account?.role === 'coach' ? await this.unlockWithRecoveryKey(account, request.recoveryKey) : null;
    if (!account || !vaultKey) {
      await this.throttle.recordFailure(request.email, ip);
      await this.record(account?.id ?? null, account?.role ?? null, 'auth.recover', 'failure');
      throw new IdentityException(IdentityErrorCode.INVALID_RECOVERY);
    }
    assertAcceptablePassword(request.newPassword, [account.email, account.displayName]);
    await this.replacePassword(account, request.newPassword, vaultKey, 'auth.recover');
    await this.sessions.endAllExcept(account.id, null);
  }

  async me(caller: AuthenticatedAccount): Promise<AccountEntity> {
    return this.requireAccount(caller.accountId);
  }

  /** The calling coach's vault key, unwrapped with the secret from their access token. */
  async vaultKeyOf(caller: AuthenticatedAccount): Promise<Uint8Array> {
    const vaultKey =
      caller.role === 'coach'
        ? await this.sessions
            .vaultKey(caller.sessionId, caller.accountId, caller.sessionSecret, caller.wrappedVaultKey)
            .catch(() => null)
        : null;
    if (!vaultKey) throw new IdentityException(IdentityErrorCode.VAULT_UNAVAILABLE);
    return vaultKey;
  }

  private async replacePassword(
    account: AccountEntity,
    newPassword: string,
    vaultKey: Uint8Array | null,
    action: string,
  ) {
    const { hash, pepperVersion } = await this.hasher.hash(newPassword);
    const wrap = vaultKey
      ? await wrapVaultForPassword({
          accountId: account.id,
          vaultKey,
          password: newPassword,
          pepper: this.config.secrets.pepper,
          pool: this.argon2.pool,
          kdf: this.kdfOptions(),
        })
      : null;
    await this.transactions.transactionWithoutCoach(async (tx) => {
      await this.accounts.replacePassword(tx, account.id, {
        passwordHash: hash,
        pepperVersion,
        vaultKdf: wrap?.kdf ?? null,
        vaultWrappedByPassword: wrap?.wrappedKey ?? null,
      });
      await tx.appendAudit({
        actorId: account.id,
        actorRole: account.role,
        action,
        subjectId: account.id,
        outcome: 'success',
      });
    });
  }

  private async unlockWithPassword(account: AccountEntity, password: string): Promise<Uint8Array> {
    if (!account.vaultKdf || !account.vaultWrappedByPassword) {
      throw new Error(`coach account ${account.id} has no vault`);
    }
    return unlockVaultWithPassword({
      accountId: account.id,
      password,
      pepper: this.config.secrets.pepper,
      pool: this.argon2.pool,
      passwordWrap: { kdf: account.vaultKdf, wrappedKey: account.vaultWrappedByPassword },
    });
  }

  private async unlockWithRecoveryKey(account: AccountEntity, recoveryKey: string): Promise<Uint8Array | null> {
    if (!account.vaultWrappedByRecovery) return null;
    try {
      return await unlockVaultWithRecoveryKey({
        accountId: account.id,
        recoveryKey,
        pepper: this.config.secrets.pepper,
        recoveryWrappedKey: account.vaultWrappedByRecovery,
      });
    } catch (error) {
      if (error instanceof DecryptionError || error instanceof InvalidRecoveryKeyError) return null;
      throw error;
    }
  }

  private async requireAccount(id: string): Promise<AccountEntity> {
    const account = await this.transactions.autocommitWithoutCoach((db) => this.accounts.findById(db, id));
    if (!account) throw new IdentityException(IdentityErrorCode.SESSION_EXPIRED);
    return account;
  }

  // One autocommit INSERT: audit_pending has no row-level security, and the chain is extended at
  // the statement's own commit.
  private record(actorId: string | null, actorRole: string | null, action: string, outcome: 'success' | 'failure') {
    return this.transactions.autocommitWithoutCoach((db) =>
      db.appendAudit({ actorId, actorRole, action, subjectId: actorId, outcome }),
    );
  }

  private kdfOptions() {
    return { opsLimit: this.config.auth.kdfOpsLimit, memLimitBytes: this.config.auth.kdfMemLimitBytes };
  }
}
