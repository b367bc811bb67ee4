import { firstMalformedText, measureJson } from './json-body-parser.js';

const nestsDeeperThan = (json: string, limit: number) => measureJson(json, limit).tooDeep;

describe('nestsDeeperThan', () => {
  it('counts objects and arrays together', () => {
    expect(nestsDeeperThan('{"a":[{"b":[1]}]}', 4)).toBe(false);
    expect(nestsDeeperThan('{"a":[{"b":[1]}]}', 3)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(`{"notes":"${'[{'.repeat(100)} \\" ${'[{'.repeat(100)}"}`, 1)).toBe(false);
    expect(nestsDeeperThan('{"a":"\\\\"}', 1)).toBe(false); // an escaped backslash ends the escape
  });

  it('checks 100,000 levels without recursion', () => {
    expect(nestsDeeperThan('['.repeat(100_000) + ']'.repeat(100_000), 32)).toBe(true);
  });
});

describe('measureJson', () => {
  it('counts object members outside strings, colons inside strings not', () => {
    expect(measureJson('{"a":1,"b":{"c":"x:y"},"d":[{"e":2}]}', 32)).toEqual({ tooDeep: false, members: 5 });
    expect(measureJson('{"a":"\\":"}', 32).members).toBe(1);
  });

  it('stops counting once past the member limit', () => {
    expect(measureJson(`{${'"k":0,'.repeat(100_000)}"k":0}`, 32, 1000)).toEqual({ tooDeep: false, members: 1001 });
  });
});

describe('firstMalformedText', () => {
  it('names the first field, item or key that holds a lone surrogate', () => {
    expect(firstMalformedText({ fullName: 'Zoë 😀', notes: 'ok' }, 'body')).toBeNull();
    expect(firstMalformedText({ email: 'x\ud800@example.org' }, 'body')).toBe('email');
    expect(firstMalformedText({ screening: { a: ['ok', 'lone \udc00'] } }, 'body')).toBe('screening.a[1]');
    expect(firstMalformedText({ ['k\ud800']: 1 }, 'body')).toBe('a field name in body');
  });
});
