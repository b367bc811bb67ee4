import { type FindManyOptions, type FindOptionsWhere, type ObjectLiteral, Raw } from 'typeorm';
import type { PageRequest } from '../http/page-query.js';

/**
 * How a list is ordered: by one key column, newest first (DESC) or oldest first (ASC). With
 * `table`, the cursor's position is the id of the last row seen, and the key is looked up from it
 * (the key, a platform-wide sequence, never leaves the database); without, the position is the
 * key's own value (a version number).
 */
export interface Keyset<Row extends ObjectLiteral> {
  key: keyof Row & string;
  order: 'ASC' | 'DESC';
  table?: string;
}

/** `<column> < / > <the cursor's position>`, the position a parameter named `after`. */
function afterPosition(column: string, order: 'ASC' | 'DESC', table: string | undefined, after: string): string {
  const comparison = order === 'DESC' ? '<' : '>';
  const position = table === undefined ? after : `(SELECT seq FROM ${table} WHERE id = CAST(${after} AS uuid))`;
  return `${column} ${comparison} ${position}`;
}

/**
 * Keyset paging, written once: the rows strictly after the cursor's position in list order, and
 * one more than the page holds (pageOf uses it only to know that another page exists).
 */
export function keysetPage<Row extends ObjectLiteral>(
  where: FindOptionsWhere<Row>,
  keyset: Keyset<Row>,
  page: PageRequest,
): FindManyOptions<Row> {
  const after =
    page.after === null
      ? {}
      : {
          [keyset.key]: Raw((column) => afterPosition(column, keyset.order, keyset.table, ':after'), {
            after: page.after,
          }),
        };
  return {
    where: { ...where, ...after } as FindOptionsWhere<Row>,
    order: { [keyset.key]: keyset.order } as FindManyOptions<Row>['order'],
    take: page.limit + 1,
  };
}

/**
 * The same page for a raw SQL list (one that joins what find cannot): append `sql` after the
 * query's own WHERE conditions, and pass `parameters` from `$<firstParameter>` on.
 */
export function keysetPageSql(
  column: string,
  keyset: { order: 'ASC' | 'DESC'; table?: string },
  page: PageRequest,
  firstParameter: number,
): { sql: string; parameters: (string | number)[] } {
  const limit = `LIMIT $${firstParameter + (page.after === null ? 0 : 1)}`;
  const order = `ORDER BY ${column} ${keyset.order}`;
  if (page.after === null) return { sql: `${order} ${limit}`, parameters: [page.limit + 1] };
  const after = afterPosition(column, keyset.order, keyset.table, `$${firstParameter}`);
  return { sql: `AND ${after} ${order} ${limit}`, parameters: [page.after, page.limit + 1] };
}
