import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { CoachStanding } from '#haven/certification';
import { decideIntake, decideNewClientAllowed } from '#haven/ethics';
import type { AuthenticatedAccount } from '#haven/identity';
import { NotFoundException, pageOf, type Page, type PageRequest } from '#haven/platform';
import { EthicsRefusalException } from './ethics-refusal.exception.js';
import { ClientAccess, type CoachScope, type OpenClient } from './client-access.js';
import { ClientCipher } from './client-cipher.js';
import { ClientExportSections } from './client-export.js';
import { ClientGoalsRepository } from './client-goals.repository.js';
import type { ClientEntity } from './client.entity.js';
import {
  type ClientSummaryView,
  type ClientView,
  decryptClient,
  decryptClientSummary,
  type IntakeScreening,
  sealNewClient,
} from './client.mapper.js';
import { ClientsRepository } from './clients.repository.js';
import type { ClientExportView } from './client-export.mapper.js';
import type { FollowUpView } from './follow-up.mapper.js';
import type { IntakeRequestDto } from './dto/intake.request.dto.js';
import { FollowUpsService } from './follow-ups.service.js';
import { decryptGoal } from './goal.mapper.js';
import { decryptSupervisionEntry } from './supervision-entry.mapper.js';
import { SupervisionRepository } from './supervision.repository.js';
import { todayUtc } from './today-utc.js';
import { decryptOrMarkUnreadable, type UnreadableItem } from './unreadable-item.js';

/** Intake, reading, export and deletion (crypto-shredding) of a coach's clients. */
@Injectable()
export class ClientsService {
  private readonly logger = new Logger(ClientsService.name);

  constructor(
    private readonly access: ClientAccess,
    private readonly clients: ClientsRepository,
    private readonly goals: ClientGoalsRepository,
    private readonly supervision: SupervisionRepository,
    private readonly followUps: FollowUpsService,
    private readonly exportSections: ClientExportSections,
    private readonly standing: CoachStanding,
  ) {}

  /**
   * CERT_AUDIT first (docs/ethics.md decision 17): a lapsed, suspended or revoked coach takes no new
   * client. Then SCOPE_MINOR. Either refusal stores nothing (no row, no key) and is audited without
   * a subject. SCOPE_RISK / SCOPE_COMPETENCE answers make the client `referral_required`.
   */
  async intake(caller: AuthenticatedAccount, request: IntakeRequestDto): Promise<Pick<ClientView, 'id' | 'status'>> {
    const screening: IntakeScreening = {
      activelySuicidal: request.screening.activelySuicidal,
      activeAddiction: request.screening.activeAddiction,
      activeSelfHarm: request.screening.activeSelfHarm,
      outsideCompetence: request.screening.outsideCompetence,
    };
    const id = randomUUID();
    const event = { action: 'client.intake', subjectId: id, failureSubjectId: null };
    return this.access.run(caller, event, async ({ tx, coachId, vaultKey }) => {
      const today = todayUtc();
      const certificationStatus = await this.standing.certificationStatus(tx, coachId, today);
      const standing = decideNewClientAllowed({ certificationStatus });
      if (!standing.allowed) throw new EthicsRefusalException(standing);
      const decision = decideIntake({ dateOfBirth: request.dateOfBirth, intakeDate: today, screening });
      if (!decision.allowed) throw new EthicsRefusalException(decision);
      const { status } = decision.value;
      const { cipher, wrappedKey } = await ClientCipher.create(vaultKey, coachId, id);
      await this.clients.insert(tx, {
        id,
        coachId,
        status,
        wrappedKey,
        ...(await sealNewClient(cipher, id, { ...request, screening })),
        createdAt: new Date(),
      });
      return { id, status };
    });
  }

  /** The coach's clients, newest intake first; a client whose row cannot be decrypted is listed as unreadable. */
  list(caller: AuthenticatedAccount, page: PageRequest): Promise<Page<ClientSummaryView | UnreadableItem>> {
    return this.access.run(caller, { action: 'client.list', subjectId: caller.accountId }, async (scope) => {
      const rows = await this.clients.pageLive(scope.tx, scope.coachId, page);
      return pageOf(
        rows,
        page,
        (row) => row.id,
        (row) =>
          decryptOrMarkUnreadable(
            row.id,
            async () => decryptClientSummary(row, await this.access.open(scope, row)),
            this.logger,
          ),
      );
    });
  }

  get(caller: AuthenticatedAccount, clientId: string): Promise<{ client: ClientView; openFollowUps: FollowUpView[] }> {
    return this.access.run(caller, { action: 'client.read', subjectId: clientId }, async (scope) => {
      const { row, client } = await this.openRow(scope, clientId);
      return { client: await decryptClient(row, client), openFollowUps: await this.followUps.listOpen(scope, client) };
    });
  }

  /** Everything held about the client, decrypted, including what other features register. */
  export(caller: AuthenticatedAccount, clientId: string): Promise<ClientExportView> {
    return this.access.run(caller, { action: 'client.export', subjectId: clientId }, async (scope) => {
      const { row, client } = await this.openRow(scope, clientId);
      const [goals, supervisionLog] = await Promise.all([
        this.goals.findAllByClient(scope.tx, client.id),
        this.supervision.findAllByClient(scope.tx, client.id),
      ]);
      const sections: Record<string, unknown> = {};
      for (const section of this.exportSections.all()) {
        sections[section.name] = await section.collect(scope, client);
      }
      return {
        exportedAt: new Date(),
        client: await decryptClient(row, client),
        goals: await Promise.all(goals.map((goal) => decryptGoal(client, goal))),
        supervisionLog: await Promise.all(supervisionLog.map((entry) => decryptSupervisionEntry(client, entry))),
        followUps: await this.followUps.listAll(scope, client),
        sections,
      };
    });
  }

  /**
   * Crypto-shredding: the wrapped client key is forgotten, so every ciphertext of the client is
   * unreadable from now on, by anyone. Rows stay (append-only records), and so does the audit trail.
   */
  delete(caller: AuthenticatedAccount, clientId: string): Promise<void> {
    return this.access.run(caller, { action: 'client.delete', subjectId: clientId }, async (scope) => {
      if (!(await this.clients.shred(scope.tx, scope.coachId, clientId, new Date())))
        throw new NotFoundException('client');
    });
  }

  private async openRow(scope: CoachScope, clientId: string): Promise<{ row: ClientEntity; client: OpenClient }> {
    const row = await this.clients.findLive(scope.tx, scope.coachId, clientId);
    const client = await this.access.open(scope, row); // 404 unless the row is live with its key
    return { row: row!, client };
  }
}
