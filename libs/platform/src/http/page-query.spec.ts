import { encodeCursor, pageOf, toPageRequest } from './page-query.js';

describe('page query', () => {
  it('defaults to 50 items from the start', () => {
    expect(toPageRequest({}, 'clients')).toEqual({ limit: 50, after: null, list: 'clients' });
  });

  it('reads back the position a cursor was made from', () => {
    expect(toPageRequest({ limit: 10, cursor: encodeCursor('12345', 'clients') }, 'clients')).toEqual({
      limit: 10,
      after: '12345',
      list: 'clients',
    });
  });

  it("refuses another list's cursor, another client's list included", () => {
    expect(() => toPageRequest({ cursor: encodeCursor('12', 'sessions:a') }, 'clients')).toThrow(/cursor/);
    expect(() => toPageRequest({ cursor: encodeCursor('12', 'sessions:a') }, 'sessions:b')).toThrow(/cursor/);
    expect(toPageRequest({ cursor: encodeCursor('12', 'sessions:a') }, 'sessions:a').after).toBe('12');
  });

  it.each([
    '',
    'x',
    '!!!',
    Buffer.from('{"after":12}').toString('base64url'),
    Buffer.from('{"after":"-1"}').toString('base64url'),
    Buffer.from('[]').toString('base64url'),
    Buffer.from('null').toString('base64url'),
    Buffer.from('{"after":"12"}').toString('base64url'),
  ])('refuses the cursor %j with a 400 naming cursor', (cursor) => {
    expect(() => toPageRequest({ cursor }, 'clients')).toThrow(
      expect.objectContaining({ statusCode: 400, message: expect.stringContaining('cursor') }),
    );
  });

  it('gives a next cursor only when a row beyond the page exists', async () => {
    const rows = [{ seq: '9' }, { seq: '8' }, { seq: '7' }];
    const sut = await pageOf(
      rows,
      { limit: 2, after: null, list: 'clients' },
      (row) => row.seq,
      (row) => row.seq,
    );
    expect(sut.items).toEqual(['9', '8']);
    expect(toPageRequest({ cursor: sut.nextCursor! }, 'clients').after).toBe('8');
    expect(
      (
        await pageOf(
          rows,
          { limit: 3, after: null, list: 'clients' },
          (row) => row.seq,
          (row) => row.seq,
        )
      ).nextCursor,
    ).toBeNull();
  });
});
