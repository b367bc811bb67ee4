import { type FindManyOptions, type FindOptionsWhere, LessThan, MoreThan, type ObjectLiteral } from 'typeorm';
import type { PageRequest } from '../http/page-query.js';

/** How a list is ordered: by one key column, newest first (DESC) or oldest first (ASC). */
export interface Keyset<Row extends ObjectLiteral> {
  key: keyof Row & string;
  order: 'ASC' | 'DESC';
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
    page.after === null ? {} : { [keyset.key]: keyset.order === 'DESC' ? LessThan(page.after) : MoreThan(page.after) };
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
  order: 'ASC' | 'DESC',
  page: PageRequest,
  firstParameter: number,
): { sql: string; parameters: [string | null, number] } {
  const [after, limit] = [`$${firstParameter}`, `$${firstParameter + 1}`];
  const comparison = order === 'DESC' ? '<' : '>';
  return {
    sql: `AND (${after}::bigint IS NULL OR ${column} ${comparison} ${after}::bigint) ORDER BY ${column} ${order} LIMIT ${limit}`,
    parameters: [page.after, page.limit + 1],
  };
}
