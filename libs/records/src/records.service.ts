import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  ClientAccess,
  decryptOrMarkUnreadable,
  EthicsRefusalException,
  FollowUpsService,
  type FollowUpView,
  type UnreadableItem,
} from '#haven/clients';
import { decideSessionOutcome, decideSessionRecording, type SessionStatus } from '#haven/ethics';
import type { AuthenticatedAccount } from '#haven/identity';
import { pageOf, type Page, type PageRequest } from '#haven/platform';
import type { AmendSessionRequestDto } from './dto/amend-session.request.dto.js';
import type { CreateSessionRequestDto } from './dto/create-session.request.dto.js';
import {
  decryptSummary,
  decryptVersion,
  openNotes,
  type SessionFacts,
  type SessionSummaryView,
  type SessionVersionView,
  type SessionView,
  sealAmendment,
  sealFacts,
  sealNotes,
} from './session-record.mapper.js';
import { SessionNotFoundException } from './records.errors.js';
import { RecordsRepository } from './records.repository.js';

export interface SessionCreated {
  id: string;
  status: SessionStatus;
  version: number;
  openFollowUps: FollowUpView[];
}

/** Session records: recorded once, amended by new versions, never overwritten (CONF_RECORDS). */
@Injectable()
export class RecordsService {
  private readonly logger = new Logger(RecordsService.name);

  constructor(
    private readonly access: ClientAccess,
    private readonly followUps: FollowUpsService,
    private readonly records: RecordsRepository,
  ) {}

  /**
   * SCOPE_RISK: refused while the client is `referral_required` (CONF_RECORDS once closed).
   * SCOPE_INFLUENCE: under the influence is stored `rescheduled` with a follow-up;
   * PRACTICE_SAFE_CLOSE: not regulated at close opens a safety follow-up.
   */
  create(caller: AuthenticatedAccount, clientId: string, request: CreateSessionRequestDto): Promise<SessionCreated> {
    const id = randomUUID();
    const event = { action: 'session.create', subjectId: id, failureSubjectId: clientId };
    return this.access.run(caller, event, async (scope) => {
      const { client, openFollowUps } = await this.followUps.openClientForSession(scope, clientId);
      const recording = decideSessionRecording({ clientStatus: client.status });
      if (!recording.allowed) throw new EthicsRefusalException(recording);
      const outcome = decideSessionOutcome(request);
      const facts: SessionFacts = {
        occurredAt: new Date(request.occurredAt).toISOString(),
        durationMinutes: request.durationMinutes,
        status: outcome.status,
        feeType: request.feeType ?? 'standard',
        clientUnderInfluence: request.clientUnderInfluence,
        clientRegulatedAtClose: request.clientRegulatedAtClose,
      };
      const recordedAt = new Date();
      await this.records.insertSessionWithFirstVersion(
        scope.tx,
        {
          id,
          coachId: scope.coachId,
          clientId: client.id,
          factsEnc: await sealFacts(client, id, facts),
          createdAt: recordedAt,
        },
        await sealNotes(client, id, 1, request.notes),
      );
      const stillOpen = await this.followUps.addressBySession(
        scope,
        client,
        openFollowUps,
        request.addressesFollowUpIds ?? [],
        id,
        recordedAt,
      );
      const kinds = outcome.followUps.map((followUp) => followUp.kind);
      const opened = await this.followUps.open(scope, client, id, kinds, recordedAt);
      return { id, status: outcome.status, version: 1, openFollowUps: [...stillOpen, ...opened] };
    });
  }

  /** A client's sessions, newest recorded first; a session whose row cannot be decrypted is listed as unreadable. */
  list(
    caller: AuthenticatedAccount,
    clientId: string,
    page: PageRequest,
  ): Promise<Page<SessionSummaryView | UnreadableItem>> {
    return this.access.run(caller, { action: 'session.list', subjectId: clientId }, async (scope) => {
      const client = await this.access.openClient(scope, clientId);
      const rows = await this.records.pageByClient(scope.tx, client.id, page);
      return pageOf(
        rows,
        page,
        (row) => row.id,
        (row) => decryptOrMarkUnreadable(row.id, () => decryptSummary(client, row), this.logger),
      );
    });
  }

  /** The latest version of a session. */
  get(caller: AuthenticatedAccount, sessionId: string): Promise<SessionView> {
    return this.access.run(caller, { action: 'session.read', subjectId: sessionId }, async (scope) => {
      const row = await this.records.findWithLatestVersion(scope.tx, scope.coachId, sessionId);
      if (!row) throw new SessionNotFoundException();
      const client = await this.access.open(scope, row.client);
      return {
        ...(await decryptSummary(client, row)),
        notes: await openNotes(client, row.id, row.version, row.notesEnc),
        versionRecordedAt: row.versionCreatedAt,
      };
    });
  }

  /** CONF_RECORDS: a new version with a reason; allowed whatever the client's status. */
  amend(
    caller: AuthenticatedAccount,
    sessionId: string,
    request: AmendSessionRequestDto,
  ): Promise<{ version: number; recordedAt: Date }> {
    return this.access.run(caller, { action: 'session.amend', subjectId: sessionId }, async (scope) => {
      const session = await this.records.findSession(scope.tx, scope.coachId, sessionId);
      if (!session) throw new SessionNotFoundException();
      const client = await this.access.openClient(scope, session.clientId);
      await this.records.lockForAmendment(scope.tx, session.id);
      const version = (await this.records.latestVersionNumber(scope.tx, session.id)) + 1;
      const recordedAt = new Date();
      await this.records.insertVersion(scope.tx, {
        sessionId: session.id,
        version,
        coachId: scope.coachId,
        ...(await sealAmendment(client, session.id, version, request)),
        createdAt: recordedAt,
      });
      return { version, recordedAt };
    });
  }

  /** Every version, version 1 first, each with its time and reason. */
  versions(caller: AuthenticatedAccount, sessionId: string, page: PageRequest): Promise<Page<SessionVersionView>> {
    return this.access.run(caller, { action: 'session.versions.read', subjectId: sessionId }, async (scope) => {
      const session = await this.records.findSession(scope.tx, scope.coachId, sessionId);
      if (!session) throw new SessionNotFoundException();
      const client = await this.access.openClient(scope, session.clientId);
      const rows = await this.records.pageVersions(scope.tx, session.id, page);
      return pageOf(
        rows,
        page,
        (row) => String(row.version),
        (row) => decryptVersion(client, row),
      );
    });
  }
}
