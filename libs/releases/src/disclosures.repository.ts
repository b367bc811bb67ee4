import { Injectable } from '@nestjs/common';
import type { Queries } from '#haven/audit';
import { keysetPageSql, type PageRequest } from '#haven/platform';

export interface DisclosureRow {
  id: string;
  coachId: string;
  clientId: string;
  releaseId: string | null;
  detailsEnc: string;
  createdAt: Date;
}

interface RawDisclosure {
  id: string;
  coach_id: string;
  client_id: string;
  release_id: string | null;
  details_enc: string;
  created_at: Date;
}

const COLUMNS = 'id, coach_id, client_id, release_id, details_enc, created_at';

/** Named queries over `disclosures`: inserted once, never changed (append-only grants). */
@Injectable()
export class DisclosuresRepository {
  async insert(db: Queries, row: DisclosureRow): Promise<void> {
    await db.query(
      `INSERT INTO disclosures (id, coach_id, client_id, release_id, details_enc, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [row.id, row.coachId, row.clientId, row.releaseId, row.detailsEnc, row.createdAt],
    );
  }

  /** Newest first. */
  async pageByClient(db: Queries, clientId: string, page: PageRequest): Promise<DisclosureRow[]> {
    const newestFirst = keysetPageSql('seq', { order: 'DESC', table: 'disclosures' }, page, 2);
    const rows = await db.query<RawDisclosure>(
      `SELECT ${COLUMNS} FROM disclosures WHERE client_id = $1 ${newestFirst.sql}`,
      [clientId, ...newestFirst.parameters],
    );
    return rows.map(toDisclosureRow);
  }

  /** Oldest first (the export). */
  async findAllByClient(db: Queries, clientId: string): Promise<DisclosureRow[]> {
    const rows = await db.query<RawDisclosure>(
      `SELECT ${COLUMNS} FROM disclosures WHERE client_id = $1 ORDER BY seq ASC`,
      [clientId],
    );
    return rows.map(toDisclosureRow);
  }
}

function toDisclosureRow(row: RawDisclosure): DisclosureRow {
  return {
    id: row.id,
    coachId: row.coach_id,
    clientId: row.client_id,
    releaseId: row.release_id,
    detailsEnc: row.details_enc,
    createdAt: row.created_at,
  };
}
