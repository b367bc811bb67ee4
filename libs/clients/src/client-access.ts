import { Injectable, Logger } from '@nestjs/common';
import { type AuditEventInput, type AuditOutcome, type Transaction, Transactions } from '#haven/audit';
import { DecryptionError } from '#haven/crypto';
import type { ClientStatus } from '#haven/ethics';
import { type AuthenticatedAccount, IdentityService } from '#haven/identity';
import { HavenException, NotFoundException } from '#haven/platform';
import { EthicsRefusalException } from './ethics-refusal.exception.js';
import { ClientCipher } from './client-cipher.js';
import { CLIENT_COLUMNS, type ClientEntity } from './client.entity.js';
import { ClientsRepository } from './clients.repository.js';
import { ClientStatusConflictException, RecordUnreadableException } from './clients.errors.js';
import { type ClientStatusEvent, nextClientStatus } from './client-status.js';

/** What a use case works with: the coach's transaction (RLS set to them) and their vault key. */
export interface CoachScope {
  tx: Transaction;
  coachId: string;
  vaultKey: Uint8Array;
}

/** What opening a client needs from its row. */
export type ClientKeyRow = Pick<ClientEntity, 'id' | 'status' | 'wrappedKey'>;

/** A live client of the calling coach, with the cipher for its fields. */
export interface OpenClient {
  id: string;
  status: ClientStatus;
  cipher: ClientCipher;
}

/** The audit event a use case writes: never any confidential content, ids only. */
export interface AuditedAction {
  action: string;
  subjectId: string | null;
  /**
   * The subject when the action fails before its row exists, e.g. the client a session was refused
   * for; null when a failure has no subject at all (an intake refused before any client exists).
   */
  failureSubjectId?: string | null;
}

/**
 * The one way into client data: a transaction as the calling coach, the audit event in the same
 * transaction, and every failure answered with a code. Services of clients and records go through it.
 */
@Injectable()
export class ClientAccess {
  private readonly logger = new Logger(ClientAccess.name);

  constructor(
    private readonly identity: IdentityService,
    private readonly transactions: Transactions,
    private readonly clients: ClientsRepository,
  ) {}

  /**
   * Runs `work` as the calling coach and appends `event` (outcome success) in the same transaction.
   * When the work fails it is rolled back whole; a refusal, a 4xx or an unreadable ciphertext is then
   * recorded on its own, and a DecryptionError becomes 422 RECORD_UNREADABLE naming the record.
   */
  async run<T>(
    caller: AuthenticatedAccount,
    event: AuditedAction,
    work: (scope: CoachScope) => Promise<T>,
  ): Promise<T> {
    const vaultKey = await this.identity.vaultKeyOf(caller);
    try {
      // The event is the last statement, in the message that commits: the transaction cannot
      // commit without it, and it costs no round trip of its own.
      return await this.transactions.asCoach(caller.accountId, (tx) => {
        tx.auditOnCommit(auditEvent(caller, event, 'success'));
        return work({ tx, coachId: caller.accountId, vaultKey });
      });
    } catch (error) {
      const outcome = outcomeOf(error);
      if (outcome) {
        const subjectId = event.failureSubjectId === undefined ? event.subjectId : event.failureSubjectId;
        await this.record(caller, { action: event.action, subjectId }, outcome);
      }
      if (error instanceof DecryptionError) {
        // Tampering or damage: operators must see it. The error names row, column and key id only.
        this.logger.warn(`unreadable record: ${error.message}`);
        throw new RecordUnreadableException(error);
      }
      throw error;
    }
  }

  /** Appends an event on its own, for an action that stored nothing (a refusal, a failure). */
  async record(caller: AuthenticatedAccount, event: AuditedAction, outcome: AuditOutcome): Promise<void> {
    try {
      // One autocommit INSERT: audit_pending has no row-level security.
      await this.transactions.autocommitWithoutCoach((db) => db.appendAudit(auditEvent(caller, event, outcome)));
    } catch (error) {
      // The action already failed; say so in the log rather than hide the original error.
      this.logger.error({ err: error }, `could not record audit event ${event.action} (${outcome})`);
    }
  }

  /** The caller's live client, ready to open its fields; 404 for anyone else's, unknown or deleted ones. */
  async openClient(scope: CoachScope, clientId: string): Promise<OpenClient> {
    return this.open(scope, await this.clients.findLive(scope.tx, scope.coachId, clientId));
  }

  /** The caller's live client, opened, with the name and email to write to them (a release link). */
  async openClientContact(
    scope: CoachScope,
    clientId: string,
  ): Promise<{ client: OpenClient; fullName: string; email: string }> {
    const row = await this.clients.findLive(scope.tx, scope.coachId, clientId);
    const client = await this.open(scope, row);
    return {
      client,
      fullName: await client.cipher.open(CLIENT_COLUMNS.fullName, row!.id, row!.fullNameEnc),
      email: await client.cipher.open(CLIENT_COLUMNS.email, row!.id, row!.emailEnc),
    };
  }

  /**
   * A client row the caller already read (joined into a bigger query, to save a round trip), opened.
   * 404 when there is no row or its key was destroyed (deleted client).
   */
  async open(scope: CoachScope, key: ClientKeyRow | null | undefined): Promise<OpenClient> {
    if (!key?.wrappedKey) throw new NotFoundException('client');
    return {
      id: key.id,
      status: key.status,
      cipher: await ClientCipher.unwrap(scope.vaultKey, scope.coachId, key.id, key.wrappedKey),
    };
  }

  /**
   * Moves the engagement through the state machine (client-status.ts), from the status the client
   * was opened in: 409 CLIENT_STATUS_CONFLICT for a move the machine does not have, or when another
   * request moved it first. Returns the new status.
   */
  async moveStatus(scope: CoachScope, client: OpenClient, event: ClientStatusEvent): Promise<ClientStatus> {
    const next = nextClientStatus(client.status, event);
    if (!next || !(await this.clients.moveStatus(scope.tx, client.id, client.status, next))) {
      const current = next
        ? ((await this.clients.findLive(scope.tx, scope.coachId, client.id))?.status ?? client.status)
        : client.status;
      throw new ClientStatusConflictException(current, event);
    }
    return next;
  }

  /** Every live client of the caller, opened (reports that span clients). */
  async openAllClients(scope: CoachScope): Promise<Map<string, OpenClient>> {
    const rows = await this.clients.findAllLiveKeys(scope.tx, scope.coachId);
    const opened = await Promise.all(rows.map((row) => this.open(scope, row)));
    return new Map(opened.map((client) => [client.id, client]));
  }
}

function auditEvent(caller: AuthenticatedAccount, event: AuditedAction, outcome: AuditOutcome): AuditEventInput {
  return {
    actorId: caller.accountId,
    actorRole: caller.role,
    action: event.action,
    subjectId: event.subjectId,
    outcome,
  };
}

function outcomeOf(error: unknown): AuditOutcome | null {
  if (error instanceof EthicsRefusalException) return 'refused';
  if (error instanceof DecryptionError || error instanceof HavenException) return 'failure';
  return null;
}
