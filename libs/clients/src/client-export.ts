import { Injectable } from '@nestjs/common';
import type { CoachScope, OpenClient } from './client-access.js';

/**
 * A feature's part of "everything held about the client" (GET /clients/:id/export). Features that
 * keep client data (records now; releases, disclosures, referrals later) register one at module
 * init, so the export grows with them and clients never imports them.
 */
export interface ClientExportSection {
  /** The field of the export document, e.g. `sessions`. */
  readonly name: string;
  collect(scope: CoachScope, client: OpenClient): Promise<unknown>;
}

@Injectable()
export class ClientExportSections {
  private readonly sections: ClientExportSection[] = [];

  register(section: ClientExportSection): void {
    if (this.sections.some((known) => known.name === section.name)) {
      throw new Error(`export section "${section.name}" is registered twice`);
    }
    this.sections.push(section);
  }

  all(): readonly ClientExportSection[] {
    return this.sections;
  }
}
