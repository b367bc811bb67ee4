import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedAccount } from '#haven/identity';
import { pageOf, type Page, type PageRequest } from '#haven/platform';
import { ClientAccess } from './client-access.js';
import { CLIENT_COLUMNS } from './client.entity.js';
import { ClientsRepository } from './clients.repository.js';
import type { AddSupervisionEntryRequestDto } from './dto/supervision.dto.js';
import {
  decryptSupervisionEntry,
  sealSupervisionEntry,
  type SupervisionEntryView,
} from './supervision-entry.mapper.js';
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
      await this.supervision.insert(scope.tx, {
        id,
        coachId: scope.coachId,
        clientId: client.id,
        ...(await sealSupervisionEntry(client, id, entry)),
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
        (row) => row.id,
        (row) => decryptSupervisionEntry(client, row),
      );
    });
  }
}
