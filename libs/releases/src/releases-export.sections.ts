import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ClientExportSections, type ClientExportSection, type CoachScope, type OpenClient } from '#haven/clients';
import { DisclosuresService } from './disclosures.service.js';
import { toDisclosureResponse, toReleaseWithEvidenceResponse } from './release-response.mapper.js';
import { ReleasesService } from './releases.service.js';

/** The `releases` part of GET /clients/:id/export: every release with its history and evidence. */
@Injectable()
export class ReleasesExportSection implements ClientExportSection, OnModuleInit {
  readonly name = 'releases';

  constructor(
    private readonly sections: ClientExportSections,
    private readonly releases: ReleasesService,
  ) {}

  onModuleInit(): void {
    this.sections.register(this);
  }

  async collect(scope: CoachScope, client: OpenClient): Promise<unknown> {
    return (await this.releases.exportAll(scope, client)).map(toReleaseWithEvidenceResponse);
  }
}

/** The `disclosures` part of GET /clients/:id/export. */
@Injectable()
export class DisclosuresExportSection implements ClientExportSection, OnModuleInit {
  readonly name = 'disclosures';

  constructor(
    private readonly sections: ClientExportSections,
    private readonly disclosures: DisclosuresService,
  ) {}

  onModuleInit(): void {
    this.sections.register(this);
  }

  async collect(scope: CoachScope, client: OpenClient): Promise<unknown> {
    return (await this.disclosures.exportAll(scope, client)).map(toDisclosureResponse);
  }
}
