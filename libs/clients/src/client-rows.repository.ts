import type { EntityTarget, FindOptionsWhere, QueryDeepPartialEntity } from 'typeorm';
import type { Queries } from '#haven/audit';
import { type Keyset, keysetPage, type PageRequest } from '#haven/platform';
import type { ClientRowColumns } from './client-row.columns.js';

/**
 * What every repository of rows about one client (goals, supervision entries, follow-ups) does the
 * same way: insert, a page newest first, everything oldest first (the export).
 * Row-level security already hides other coaches' rows.
 */
export abstract class ClientRowsRepository<Row extends ClientRowColumns> {
  private readonly newestFirst: Keyset<Row>;

  /** `table` is the entity's table: a cursor names a row, whose sequence number is looked up there. */
  protected constructor(
    private readonly entity: EntityTarget<Row>,
    table: string,
  ) {
    this.newestFirst = { key: 'seq', order: 'DESC', table };
  }

  async insert(db: Queries, rows: Omit<Row, 'seq'> | Omit<Row, 'seq'>[]): Promise<void> {
    if (Array.isArray(rows) && rows.length === 0) return;
    await db.insert(this.entity, rows as QueryDeepPartialEntity<Row>);
  }

  /** Newest first. */
  pageByClient(db: Queries, clientId: string, page: PageRequest): Promise<Row[]> {
    return db.find(this.entity, keysetPage(this.byClient(clientId), this.newestFirst, page));
  }

  /** Oldest first: the order they were written in. */
  findAllByClient(db: Queries, clientId: string): Promise<Row[]> {
    return db.find(this.entity, { where: this.byClient(clientId), order: { seq: 'ASC' } as never });
  }

  private byClient(clientId: string): FindOptionsWhere<Row> {
    return { clientId } as FindOptionsWhere<Row>;
  }
}
