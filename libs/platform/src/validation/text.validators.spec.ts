import { emailProblem, textProblem } from './text.validators.js';

const SINGLE_LINE_REFUSAL =
  'must not contain control characters, invisible or direction-changing characters, or line breaks';

describe('textProblem', () => {
  it.each([
    ['Sam Rivera', false],
    ['Zoë Ñúñez-Łukasz 山田 😀', false],
    ['line one\nline two\r\n\tindented', true],
    ['notes\u2028with a separator and \u200f a mark', true],
    ['می\u200cخواهم', false], // Persian: ZWNJ inside a word
    ['क्\u200dष', false], // Devanagari: ZWJ after a virama
    ['👩\u200d💻 and 👨🏽\u200d🚀', false], // emoji ZWJ sequences
  ])('accepts %j (multiline: %s)', (text, multiline) => {
    expect(textProblem(text, multiline)).toBeNull();
  });

  it.each([
    ['', 'must not be blank'],
    ['   \t\n ', 'must not be blank'],
    ['Sam\u0000Rivera', SINGLE_LINE_REFUSAL],
    ['Sam\nRivera', SINGLE_LINE_REFUSAL],
    ['bell\u0007', SINGLE_LINE_REFUSAL],
    ['c1\u0085', SINGLE_LINE_REFUSAL],
    ['Robin \u202eniboR', SINGLE_LINE_REFUSAL], // right-to-left override
    ['Rob\u200bin', SINGLE_LINE_REFUSAL], // zero-width space
    ['Robin\u2028Okafor', SINGLE_LINE_REFUSAL], // line separator (Zl)
    ['Robin\u2029Okafor', SINGLE_LINE_REFUSAL], // paragraph separator (Zp)
    ['\u2066Robin\u2069', SINGLE_LINE_REFUSAL], // isolates
    ['Robin\u200eOkafor', SINGLE_LINE_REFUSAL], // left-to-right mark
    ['Rob\u00adin', SINGLE_LINE_REFUSAL], // soft hyphen
    ['\ufeffRobin', SINGLE_LINE_REFUSAL], // byte-order mark
    ['Ro\u200cbin', SINGLE_LINE_REFUSAL], // a joiner between Latin letters
    ['Robin\u{e0041}', SINGLE_LINE_REFUSAL], // a tag character
    ['lone \ud800 surrogate', 'must be well-formed Unicode text'],
    ['lone \udc00 low', 'must be well-formed Unicode text'],
  ])('refuses %j in a single-line field', (text, problem) => {
    expect(textProblem(text, false)).toBe(problem);
  });

  it('refuses NUL and escape characters in notes but not line breaks', () => {
    expect(textProblem('notes\u0000', true)).toBe(
      'must not contain control characters (tabs and line breaks are fine)',
    );
    expect(textProblem('\u001b[31mred', true)).toBe(
      'must not contain control characters (tabs and line breaks are fine)',
    );
    expect(textProblem('a\nb', true)).toBeNull();
  });

  it('leaves non-strings to IsString', () => {
    expect(textProblem(42, false)).toBeNull();
  });
});

describe('emailProblem', () => {
  it.each(['robin@example.org', 'zoë@example.org', 'admin@haven.local'])('accepts %j', (email) => {
    expect(emailProblem(email)).toBeNull();
  });

  it.each([
    ['x\u0000@example.test', SINGLE_LINE_REFUSAL],
    ['ro\u202ebin@example.org', SINGLE_LINE_REFUSAL],
    ['robin@exa\u200bmple.org', SINGLE_LINE_REFUSAL],
    ['not an address', 'must be an email address'],
    [`${'a'.repeat(250)}@example.org`, 'must be an email address'],
    [42, 'must be an email address'],
  ])('refuses %j', (email, problem) => {
    expect(emailProblem(email)).toBe(problem);
  });
});
