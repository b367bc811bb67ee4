import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { encodeCursor, type ListOf, pageOf, PageQueryDto, toPageRequest } from './page-query.js';

const coachA = '0a0a0a0a-0000-4000-8000-00000000000a';
const coachB = '0b0b0b0b-0000-4000-8000-00000000000b';
const rowId = '1d1d1d1d-0000-4000-8000-000000000001';
const clientsOf = (caller: string): ListOf => ({ name: 'clients', caller });
const bindingOf = (list: ListOf) => `${list.name}\n${list.caller}`;

describe('page query', () => {
  it('defaults to 50 items from the start', () => {
    expect(toPageRequest({}, clientsOf(coachA))).toEqual({
      limit: 50,
      after: null,
      list: bindingOf(clientsOf(coachA)),
    });
  });

  it('reads back the row a cursor was made from, for the list and caller it was made for', () => {
    const cursor = encodeCursor(rowId, bindingOf(clientsOf(coachA)));
    expect(toPageRequest({ limit: 10, cursor }, clientsOf(coachA))).toMatchObject({ limit: 10, after: rowId });
  });

  it("refuses another caller's cursor of the same list, and another list's", () => {
    const cursor = encodeCursor(rowId, bindingOf(clientsOf(coachA)));
    expect(() => toPageRequest({ cursor }, clientsOf(coachB))).toThrow(/cursor/);
    expect(() => toPageRequest({ cursor }, { name: 'sessions:a', caller: coachA })).toThrow(/cursor/);
  });

  it('puts no sequence number in a cursor: a row-id list refuses a number as its position', () => {
    expect(() =>
      toPageRequest({ cursor: encodeCursor('12345', bindingOf(clientsOf(coachA))) }, clientsOf(coachA)),
    ).toThrow(/cursor/);
  });

  it('refuses a version position beyond the integer column (400, not an SQL error)', () => {
    const versions: ListOf = { name: 'versions:x', caller: coachA, position: 'version' };
    expect(toPageRequest({ cursor: encodeCursor('2147483647', bindingOf(versions)) }, versions).after).toBe(
      '2147483647',
    );
    for (const position of ['2147483648', '999999999999999999', rowId])
      expect(() => toPageRequest({ cursor: encodeCursor(position, bindingOf(versions)) }, versions)).toThrow(
        expect.objectContaining({ statusCode: 400, message: expect.stringContaining('cursor') }),
      );
  });

  it.each([
    '',
    'x',
    '!!!',
    Buffer.from('{"after":12}').toString('base64url'),
    Buffer.from('{"after":"-1"}').toString('base64url'),
    Buffer.from('[]').toString('base64url'),
    Buffer.from('null').toString('base64url'),
    Buffer.from(`{"after":"${rowId}"}`).toString('base64url'),
  ])('refuses the cursor %j with a 400 naming cursor', (cursor) => {
    expect(() => toPageRequest({ cursor }, clientsOf(coachA))).toThrow(
      expect.objectContaining({ statusCode: 400, message: expect.stringContaining('cursor') }),
    );
  });

  it.each(['0x10', '1e2', ' 5', '5 ', '1.5', '+5', '-1', '0', '101', ''])('refuses limit=%j, naming limit', (limit) => {
    const errors = validateSync(plainToInstance(PageQueryDto, { limit }));
    expect(errors.map((error) => error.property)).toEqual(['limit']);
  });

  it.each([
    ['1', 1],
    ['100', 100],
    ['050', 50],
  ])('reads limit=%j as %d', (limit, expected) => {
    const query = plainToInstance(PageQueryDto, { limit });
    expect(validateSync(query)).toEqual([]);
    expect(query.limit).toBe(expected);
  });

  it('gives a next cursor only when a row beyond the page exists', async () => {
    const rows = ['9', '8', '7'].map((n) => ({ id: `1d1d1d1d-0000-4000-8000-00000000000${n}` }));
    const request = toPageRequest({ limit: 2 }, clientsOf(coachA));
    const sut = await pageOf(
      rows,
      request,
      (row) => row.id,
      (row) => row.id,
    );
    expect(sut.items).toEqual([rows[0]!.id, rows[1]!.id]);
    expect(toPageRequest({ cursor: sut.nextCursor! }, clientsOf(coachA)).after).toBe(rows[1]!.id);
    expect(
      (
        await pageOf(
          rows,
          { ...request, limit: 3 },
          (row) => row.id,
          (row) => row.id,
        )
      ).nextCursor,
    ).toBeNull();
  });
});
