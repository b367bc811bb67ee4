import { createHash } from 'node:crypto';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ValidationFailedException } from '../errors/haven.exception.js';
import type { Page } from './paged.js';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 100;

/** `?limit=&cursor=` of every list. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 100' })
  @Min(1, { message: 'limit must be a whole number from 1 to 100' })
  @Max(MAX_PAGE_LIMIT, { message: 'limit must be a whole number from 1 to 100' })
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque: the `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/** A page request with the cursor decoded into the keyset position it stands for. */
export interface PageRequest {
  limit: number;
  /** Items strictly after this position (in the list's own order); null for the first page. */
  after: string | null;
  /** Which list, e.g. `sessions:<clientId>`: the next cursor is bound to it. */
  list: string;
}

const POSITION = /^\d{1,18}$/;

/**
 * Cursors are opaque to callers: base64url of `{"after":"<position>","list":"<tag>"}`, where the
 * position is the list's keyset value (a row's sequence number or version) and the tag a short hash
 * of `list` (which list, and of what: `sessions:<clientId>`). A cursor of another list, a forged or
 * a damaged one is a 400 naming `cursor`, not a silently empty or shifted page.
 */
export function toPageRequest(query: PageQueryDto, list: string): PageRequest {
  return {
    limit: query.limit ?? DEFAULT_PAGE_LIMIT,
    after: query.cursor === undefined ? null : decodeCursor(query.cursor, list),
    list,
  };
}

export function encodeCursor(position: string, list: string): string {
  return Buffer.from(JSON.stringify({ after: position, list: listTag(list) })).toString('base64url');
}

function listTag(list: string): string {
  return createHash('sha256').update(list).digest('base64url').slice(0, 11);
}

function decodeCursor(cursor: string, list: string): string {
  const invalid = () => new ValidationFailedException('Invalid request: cursor is not a cursor this list gave out.');
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const { after, list: tag } = (parsed ?? {}) as { after?: unknown; list?: unknown };
  if (typeof after !== 'string' || !POSITION.test(after) || tag !== listTag(list)) throw invalid();
  return after;
}

/**
 * Builds `{ items, nextCursor }` from up to `limit + 1` rows read in list order: the extra row only
 * says that another page exists.
 */
export function pageOf<Row, Item>(
  rows: Row[],
  request: PageRequest,
  positionOf: (row: Row) => string,
  toItem: (row: Row) => Item | Promise<Item>,
): Promise<Page<Item>> {
  const visible = rows.slice(0, request.limit);
  const nextCursor =
    rows.length > request.limit && visible.length > 0
      ? encodeCursor(positionOf(visible[visible.length - 1]!), request.list)
      : null;
  return Promise.all(visible.map(toItem)).then((items) => ({ items, nextCursor }));
}
