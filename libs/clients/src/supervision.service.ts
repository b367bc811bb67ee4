import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedAccount } from '#haven/identity';
import { pageOf, type Page, type PageRequest } from '#haven/platform';
import { ClientAccess, type OpenClient } from './client-access.js';
import { CLIENT_COLUMNS } from './client.entity.js';
import { ClientsRepository } from './clients.repository.js';
import type { AddSupervisionEntryRequestDto, SupervisionEntryView } from './dto/supervision.dto.js';
import { SUPERVISION_COLUMNS, type SupervisionEntryEntity } from './supervision-entry.entity.js';
import { SupervisionRepository } from './supervision.repository.js';

/** SCOPE_COMPETENCE: the "supervision sought" flag and the supervision log of a client. */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly access: ClientAccess,
    private readonly clients: ClientsRepository,
    private readonly supervision: SupervisionRepository,
  ) {}

  setSought(caller: AuthenticatedAccount, clientId: string, supervisionSought: boolean): Promise<boolean> {
    return this.access.run(
      caller,
      { action: 'client.supervision_sought.update', subjectId: clientId },
      async (scope) => {
        const client = await this.access.openClient(scope, clientId);
        const sealed = await client.cipher.sealJson(CLIENT_COLUMNS.supervisionSought, client.id, supervisionSought);
        await this.clients.updateSupervisionSought(scope.tx, client.id, sealed);
        return supervisionSought;
      },
    );
  }

  addEntry(
    caller: AuthenticatedAccount,
    clientId: string,
    entry: AddSupervisionEntryRequestDto,
  ): Promise<{ id: string }> {
    const id = randomUUID();
    return this.access.run(caller, { action: 'client.supervision.create', subjectId: id }, async (scope) => {
      const client = await this.access.openClient(scope, clientId);
      const { cipher } = client;
      await this.supervision.insert(scope.tx, {
        id,
        coachId: scope.coachId,
        clientId: client.id,
        supervisedOnEnc: await cipher.seal(SUPERVISION_COLUMNS.supervisedOn, id, entry.supervisedOn),
        supervisorEnc: await cipher.seal(SUPERVISION_COLUMNS.supervisor, id, entry.supervisor),
        notesEnc: await cipher.seal(SUPERVISION_COLUMNS.notes, id, entry.notes),
        createdAt: new Date(),
      });
      return { id };
    });
  }

  list(caller: AuthenticatedAccount, clientId: string, page: PageRequest): Promise<Page<SupervisionEntryView>> {
    return this.access.run(caller, { action: 'client.supervision.list', subjectId: clientId }, async (scope) => {
      const client = await this.access.openClient(scope, clientId);
      const rows = await this.supervision.pageByClient(scope.tx, client.id, page);
      return pageOf(
        rows,
        page,
        (row) => row.seq,
        (row) => decryptSupervisionEntry(client, row),
      );
    });
  }
}

export async function decryptSupervisionEntry(
  client: OpenClient,
  row: SupervisionEntryEntity,
): Promise<SupervisionEntryView> {
  const { cipher } = client;
  return {
    id: row.id,
    supervisedOn: await cipher.open(SUPERVISION_COLUMNS.supervisedOn, row.id, row.supervisedOnEnc),
    supervisor: await cipher.open(SUPERVISION_COLUMNS.supervisor, row.id, row.supervisorEnc),
    notes: await cipher.open(SUPERVISION_COLUMNS.notes, row.id, row.notesEnc),
    recordedAt: row.createdAt,
  };
}
