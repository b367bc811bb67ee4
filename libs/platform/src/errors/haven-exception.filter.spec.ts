import { QueryFailedError } from 'typeorm';
import { describeFailure } from './haven-exception.filter.js';

describe('describeFailure', () => {
  it('keeps no SQL, parameter, value or message of a database error: only its class and what Postgres names', () => {
    const driverError = Object.assign(
      new Error('invalid byte sequence for encoding "UTF8": 0x00 near "robin@example.org"'),
      {
        code: '22021',
        severity: 'ERROR',
        routine: 'report_invalid_encoding',
        detail: 'Key (email)=(robin@example.org) already exists.',
      },
    );
    const sut = new QueryFailedError(
      'SELECT * FROM accounts WHERE email = $1',
      ['robin\u0000@example.org'],
      driverError,
    );
    const logged = JSON.stringify(describeFailure(sut));
    expect(JSON.parse(logged)).toEqual({
      type: 'QueryFailedError',
      code: '22021',
      severity: 'ERROR',
      routine: 'report_invalid_encoding',
    });
    expect(logged).not.toMatch(/robin|SELECT|accounts WHERE/);
  });

  it('keeps the class, message and stack of any other error', () => {
    const described = describeFailure(new TypeError('boom'));
    expect(described).toMatchObject({ type: 'TypeError', message: 'boom', stack: expect.stringContaining('boom') });
  });
});
