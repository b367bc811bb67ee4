import { createHash } from 'node:crypto';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ValidationFailedException } from '../errors/haven.exception.js';
import type { Page } from './paged.js';
import { UUID } from './parse-id.pipe.js';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 100;

const LIMIT_MESSAGE = 'limit must be a whole number from 1 to 100';

/** `?limit=&cursor=` of every list. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT })
  @IsOptional()
  // Digits only: Number() would also read "0x10", "1e2" and " 5"; anything else stays a string and
  // IsInt refuses it.
  @Transform(({ value }) => (typeof value === 'string' && /^[0-9]{1,3}$/.test(value) ? Number(value) : value))
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(1, { message: LIMIT_MESSAGE })
  @Max(MAX_PAGE_LIMIT, { message: LIMIT_MESSAGE })
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque: the `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/**
 * Which list a page is of and who asks: a cursor is valid for that list and that caller only.
 * `position` says what a cursor points at: the last row's id (lists ordered by a row sequence,
 * which is platform-wide and so never put in a cursor), or a version number (per session).
 */
export interface ListOf {
  name: string;
  caller: string;
  position?: 'row-id' | 'version';
}

/** A page request with the cursor decoded into the keyset position it stands for. */
export interface PageRequest {
  limit: number;
  /** Items strictly after this position (a row id, or a version number); null for the first page. */
  after: string | null;
  /** What the next cursor is bound to: the list and the caller. */
  list: string;
}

const POSITIONS = {
  'row-id': (after: string) => UUID.test(after),
  // The version column is a Postgres integer: a larger position would fail in SQL, not here.
  version: (after: string) => /^[0-9]{1,10}$/.test(after) && Number(after) <= 2_147_483_647,
};

/**
 * Cursors are opaque to callers: base64url of `{"after":"<position>","list":"<tag>"}`, where the
 * tag is a short hash of the list and the caller. Another list's cursor, another caller's, a forged
 * or a damaged one is a 400 naming `cursor`, not a silently empty or shifted page.
 */
export function toPageRequest(query: PageQueryDto, list: ListOf): PageRequest {
  const binding = `${list.name}\n${list.caller}`;
  return {
    limit: query.limit ?? DEFAULT_PAGE_LIMIT,
    after:
      query.cursor === undefined ? null : decodeCursor(query.cursor, binding, POSITIONS[list.position ?? 'row-id']),
    list: binding,
  };
}

export function encodeCursor(position: string, binding: string): string {
  return Buffer.from(JSON.stringify({ after: position, list: listTag(binding) })).toString('base64url');
}

function listTag(binding: string): string {
  return createHash('sha256').update(binding).digest('base64url').slice(0, 16);
}

function decodeCursor(cursor: string, binding: string, isPosition: (after: string) => boolean): string {
  const invalid = () => new ValidationFailedException('Invalid request: cursor is not a cursor this list gave out.');
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const { after, list: tag } = (parsed ?? {}) as { after?: unknown; list?: unknown };
  if (typeof after !== 'string' || !isPosition(after) || tag !== listTag(binding)) throw invalid();
  return after.toLowerCase();
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
