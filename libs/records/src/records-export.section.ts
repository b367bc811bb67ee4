import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ClientExportSections, type ClientExportSection, type CoachScope, type OpenClient } from '#haven/clients';
import { RecordsRepository } from './records.repository.js';
import { decryptFacts, decryptVersion, toSessionVersion } from './session-record.mapper.js';

/** The `sessions` part of GET /clients/:id/export: every session with every version, oldest first. */
@Injectable()
export class RecordsExportSection implements ClientExportSection, OnModuleInit {
  readonly name = 'sessions';

  constructor(
    private readonly sections: ClientExportSections,
    private readonly records: RecordsRepository,
  ) {}

  onModuleInit(): void {
    this.sections.register(this);
  }

  async collect(scope: CoachScope, client: OpenClient): Promise<unknown> {
    const sessions = await this.records.findAllByClientWithVersions(scope.tx, client.id);
    return Promise.all(
      sessions.map(async ({ session, versions }) => ({
        id: session.id,
        ...(await decryptFacts(client, session.id, session.factsEnc)),
        recordedAt: session.createdAt.toISOString(),
        versions: (await Promise.all(versions.map((version) => decryptVersion(client, version)))).map(toSessionVersion),
      })),
    );
  }
}
