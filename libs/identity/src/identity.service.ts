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
  wrapVaultForNewRecoveryKey,
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
import { describeError, IdentityErrorCode, IdentityException } from './identity.errors.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordPolicy } from './password-policy.js';
import { LoginThrottle } from './throttling/login-throttle.js';
import { LoginSessionStore } from './login-sessions/login-session-store.js';

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
    private readonly passwordPolicy: PasswordPolicy,
    private readonly argon2: Argon2PoolHolder,
    private readonly loginSessions: LoginSessionStore,
    private readonly throttle: LoginThrottle,
    private readonly jwt: JwtService,
  ) {}

  async signupCoach(request: SignupRequestDto): Promise<{ account: AccountEntity; recoveryKey: string }> {
    await this.passwordPolicy.assertAcceptable(request.password, [request.email, request.displayName]);
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
    await this.passwordPolicy.assertAcceptable(input.password, [input.email, input.displayName]);
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
    const attempt = await this.throttle.beginAttempt(request.email, ip);
    const account = await this.transactions.autocommitWithoutCoach((db) =>
      this.accounts.findByEmail(db, request.email),
    );
    const passwordHolds = account
      ? await this.hasher.verify(request.password, account.passwordHash)
      : await this.hasher.spendDecoyTime(request.password).then(() => false);
    if (!account || !passwordHolds) {
      await this.record(account?.id ?? null, account?.role ?? null, 'auth.login', 'failure');
      throw new IdentityException(IdentityErrorCode.INVALID_CREDENTIALS);
    }
    await attempt.succeeded();
    const vaultKey = account.role === 'coach' ? await this.unlockWithPassword(account, request.password) : null;
    const session = await this.loginSessions.open(account.id, account.role, vaultKey);
    await this.record(account.id, account.role, 'auth.login', 'success');
    const claims: AccessTokenClaims = {
      sub: account.id,
      sid: session.loginSessionId,
      sk: Buffer.from(session.loginSessionSecret).toString('base64url'),
      role: account.role,
    };
    const expiresIn = this.config.auth.sessionAbsoluteSeconds;
    return { accessToken: await this.jwt.signAsync(claims, { expiresIn }), expiresIn, role: account.role };
  }

  async logout(caller: AuthenticatedAccount): Promise<void> {
    await this.loginSessions.end(caller.loginSessionId, caller.accountId);
    await this.record(caller.accountId, caller.role, 'auth.logout', 'success');
  }

  /** Re-wraps the same vault key under the new password and ends every other session. */
  async changePassword(caller: AuthenticatedAccount, request: ChangePasswordRequestDto): Promise<void> {
    const account = await this.requireAccount(caller.accountId);
    if (!(await this.hasher.verify(request.currentPassword, account.passwordHash))) {
      await this.record(account.id, account.role, 'auth.password_change', 'failure');
      throw new IdentityException(IdentityErrorCode.INVALID_CREDENTIALS, 'The current password is not correct.');
    }
    await this.passwordPolicy.assertAcceptable(request.newPassword, [account.email, account.displayName]);
    const vaultKey = account.role === 'coach' ? await this.unlockWithPassword(account, request.currentPassword) : null;
    await this.replacePassword(account, request.newPassword, vaultKey, 'auth.password_change');
    await this.loginSessions.endAllExcept(account.id, caller.loginSessionId);
  }

  /**
   * A forgotten password: the recovery key unwraps the vault, which is then wrapped under the new
   * password and under a new recovery key (returned, shown once); the used key stops working.
   */
  async recover(request: RecoverRequestDto, ip: string): Promise<{ recoveryKey: string }> {
    const attempt = await this.throttle.beginAttempt(request.email, ip);
    const account = await this.transactions.autocommitWithoutCoach((db) =>
      this.accounts.findByEmail(db, request.email),
    );
    const vaultKey = account?.role === 'coach' ? await this.unlockWithRecoveryKey(account, request.recoveryKey) : null;
    if (!account || !vaultKey || !account.vaultWrappedByRecovery) {
      await this.record(account?.id ?? null, account?.role ?? null, 'auth.recover', 'failure');
      throw new IdentityException(IdentityErrorCode.INVALID_RECOVERY);
    }
    await attempt.succeeded();
    await this.passwordPolicy.assertAcceptable(request.newPassword, [account.email, account.displayName]);
    const next = await wrapVaultForNewRecoveryKey({
      accountId: account.id,
      vaultKey,
      pepper: this.config.secrets.pepper,
    });
    await this.replacePassword(account, request.newPassword, vaultKey, 'auth.recover', {
      used: account.vaultWrappedByRecovery,
      replacement: next.recoveryWrappedKey,
    });
    await this.loginSessions.endAllExcept(account.id, null);
    return { recoveryKey: next.recoveryKey };
  }

  async me(caller: AuthenticatedAccount): Promise<AccountEntity> {
    return this.requireAccount(caller.accountId);
  }

  /**
   * The calling coach's vault key, unwrapped with the secret from their access token. Not a coach:
   * 403. The login session ended meanwhile or its wrap does not open: 401. Redis unreachable: 503,
   * logged, so an outage is not mistaken for a permission problem.
   */
  async vaultKeyOf(caller: AuthenticatedAccount): Promise<Uint8Array> {
    if (caller.role !== 'coach') throw new IdentityException(IdentityErrorCode.VAULT_UNAVAILABLE);
    let vaultKey: Uint8Array | null;
    try {
      vaultKey = await this.loginSessions.vaultKey(
        caller.loginSessionId,
        caller.accountId,
        caller.loginSessionSecret,
        caller.wrappedVaultKey,
      );
    } catch (error) {
      if (error instanceof DecryptionError) {
        this.logger.warn(`the vault key of login session ${caller.loginSessionId} did not unwrap`);
        throw new IdentityException(IdentityErrorCode.SESSION_EXPIRED);
      }
      this.logger.error(`login sessions unreachable, vault key not read: ${describeError(error)}`);
      throw new IdentityException(IdentityErrorCode.LOGIN_SESSIONS_UNAVAILABLE);
    }
    if (!vaultKey) throw new IdentityException(IdentityErrorCode.SESSION_EXPIRED);
    return vaultKey;
  }

  private async replacePassword(
    account: AccountEntity,
    newPassword: string,
    vaultKey: Uint8Array | null,
    action: string,
    recoveryWrap?: { used: string; replacement: string },
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
      const written = await this.accounts.replacePassword(
        tx,
        account.id,
        {
          passwordHash: hash,
          pepperVersion,
          vaultKdf: wrap?.kdf ?? null,
          vaultWrappedByPassword: wrap?.wrappedKey ?? null,
        },
        recoveryWrap,
      );
      // Only a recovery can lose: another recovery with the same key got there first.
      if (!written) throw new IdentityException(IdentityErrorCode.INVALID_RECOVERY);
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
