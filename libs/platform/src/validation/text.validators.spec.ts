import { textProblem } from './text.validators.js';

describe('textProblem', () => {
  it.each([
    ['Sam Rivera', false],
    ['Zoë Ñúñez-Łukasz 山田 😀', false],
    ['line one\nline two\r\n\tindented', true],
  ])('accepts %j (multiline: %s)', (text, multiline) => {
    expect(textProblem(text, multiline)).toBeNull();
  });

  it.each([
    ['', 'must not be blank'],
    ['   \t\n ', 'must not be blank'],
    ['Sam\u0000Rivera', 'must not contain control characters or line breaks'],
    ['Sam\nRivera', 'must not contain control characters or line breaks'],
    ['bell\u0007', 'must not contain control characters or line breaks'],
    ['c1\u0085', 'must not contain control characters or line breaks'],
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
