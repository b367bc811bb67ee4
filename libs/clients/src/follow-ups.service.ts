import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedAccount } from '#haven/identity';
import { NotFoundException } from '#haven/platform';
import { ClientAccess, type CoachScope, type OpenClient } from './client-access.js';
import { ClientsErrorCode, ClientsException } from './clients.errors.js';
import type { FollowUpEntity } from './follow-up.entity.js';
import {
  decryptFollowUp,
  type FollowUpKind,
  type FollowUpView,
  sealAddressedNote,
  sealFollowUpKind,
} from './follow-up.mapper.js';
import { FollowUpsRepository } from './follow-ups.repository.js';

/**
 * Follow-ups a session leaves on its client (SCOPE_INFLUENCE, PRACTICE_SAFE_CLOSE). They stay open
 * until the coach marks them addressed: with the next session (`addressesFollowUpIds`) or on their
 * own (`POST /clients/:id/follow-ups/:followUpId/addressed`), e.g. after a safety call.
 */
@Injectable()
export class FollowUpsService {
  constructor(
    private readonly access: ClientAccess,
    private readonly followUps: FollowUpsRepository,
  ) {}

  /** The client a session is recorded for, opened, with its open follow-ups (one query). 404 as openClient. */
  async openClientForSession(
    scope: CoachScope,
    clientId: string,
  ): Promise<{ client: OpenClient; openFollowUps: FollowUpEntity[] }> {
    const found = await this.followUps.findLiveClientWithOpenFollowUps(scope.tx, scope.coachId, clientId);
    return { client: await this.access.open(scope, found?.client), openFollowUps: found?.openFollowUps ?? [] };
  }

  /** Opens one follow-up per kind, in the order given (records calls this for a new session). */
  async open(
    scope: CoachScope,
    client: OpenClient,
    sessionId: string,
    kinds: FollowUpKind[],
    at: Date,
  ): Promise<FollowUpView[]> {
    const opened = kinds.map((kind) => ({ id: randomUUID(), kind }));
    const rows = await Promise.all(
      opened.map(async ({ id, kind }): Promise<Omit<FollowUpEntity, 'seq'>> => ({
        id,
        coachId: scope.coachId,
        clientId: client.id,
        openedBySessionId: sessionId,
        kindEnc: await sealFollowUpKind(client, id, kind),
        createdAt: at,
        addressedAt: null,
        addressedBySessionId: null,
        addressedNoteEnc: null,
      })),
    );
    await this.followUps.insert(scope.tx, rows);
    return opened.map(({ id, kind }) => ({
      id,
      kind,
      openedBySessionId: sessionId,
      openedAt: at,
      addressedAt: null,
      addressedBySessionId: null,
      note: null,
    }));
  }

  /**
   * Marks the given follow-ups addressed by a session; 409 naming the first one that is not among
   * `open` (the client's open follow-ups, read at the start of the transaction) or that another
   * request addressed meanwhile. Returns the follow-ups still open, decrypted, oldest first.
   */
  async addressBySession(
    scope: CoachScope,
    client: OpenClient,
    open: FollowUpEntity[],
    ids: string[],
    sessionId: string,
    at: Date,
  ): Promise<FollowUpView[]> {
    const openIds = new Set(open.map((row) => row.id));
    for (const id of ids) if (!openIds.has(id)) throw notOpen(id);
    if (ids.length > 0) {
      const marked = await this.followUps.markAddressedBySession(scope.tx, ids, at, sessionId);
      const missed = ids.find((id) => !marked.has(id)); // addressed by another request meanwhile
      if (missed !== undefined) throw notOpen(missed);
    }
    const addressed = new Set(ids);
    return Promise.all(open.filter((row) => !addressed.has(row.id)).map((row) => decryptFollowUp(client, row)));
  }

  /** POST /clients/:id/follow-ups/:followUpId/addressed */
  addressDirectly(
    caller: AuthenticatedAccount,
    clientId: string,
    followUpId: string,
    note: string | undefined,
  ): Promise<FollowUpView> {
    return this.access.run(caller, { action: 'client.follow_up.address', subjectId: followUpId }, async (scope) => {
      const client = await this.access.openClient(scope, clientId);
      const [row] = await this.followUps.findByIds(scope.tx, client.id, [followUpId]);
      if (!row) throw new NotFoundException('follow-up');
      const at = new Date();
      const noteEnc = note === undefined ? null : await sealAddressedNote(client, row.id, note);
      if (
        row.addressedAt !== null ||
        !(await this.followUps.markAddressed(scope.tx, row.id, { at, bySessionId: null, noteEnc }))
      ) {
        throw notOpen(row.id);
      }
      return decryptFollowUp(client, {
        ...row,
        addressedAt: at,
        addressedBySessionId: null,
        addressedNoteEnc: noteEnc,
      });
    });
  }

  async listOpen(scope: CoachScope, client: OpenClient): Promise<FollowUpView[]> {
    const rows = await this.followUps.findOpenByClient(scope.tx, client.id);
    return Promise.all(rows.map((row) => decryptFollowUp(client, row)));
  }

  async listAll(scope: CoachScope, client: OpenClient): Promise<FollowUpView[]> {
    const rows = await this.followUps.findAllByClient(scope.tx, client.id);
    return Promise.all(rows.map((row) => decryptFollowUp(client, row)));
  }
}

function notOpen(id: string): ClientsException {
  return new ClientsException(
    ClientsErrorCode.FOLLOW_UP_NOT_OPEN,
    `Follow-up ${id} is not open for this client: it is unknown or was already addressed.`,
  );
}
