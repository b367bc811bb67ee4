import { buildMessage, isEmail, ValidateBy, type ValidationOptions } from 'class-validator';

// In a name or any single-line field: control characters (Cc), invisible format characters (Cf:
// bidi overrides, embeddings, isolates and marks, zero-width space, soft hyphen, BOM, tag
// characters) and the Unicode line and paragraph separators (Zl, Zp). Each lets one name display
// as another ("Robin\u202EniboR") or hide a line break where none may be.
const SINGLE_LINE_FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
// The two joiners are Cf too, but scripts need them: ZWNJ in Persian words and Indic conjuncts,
// ZWJ in emoji sequences. They pass only after a combining mark (a virama, a variation selector),
// a letter of a joining script or an emoji, and before a letter or an emoji; never between Latin letters.
const NEEDED_JOINER =
  /(?<=[\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}\p{Script=Adlam}])[\u200c\u200d](?=[\p{L}\p{M}\p{Extended_Pictographic}])/gu;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_TAB_AND_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// A UTF-16 surrogate without its partner: JSON allows "\ud800", UTF-8 cannot store it (it would be
// silently replaced by U+FFFD, so what is read back is not what was written).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether `text` is well-formed UTF-16 (no lone surrogate), i.e. can be stored as UTF-8 as is. */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** class-transformer `@Transform(trim)`: surrounding whitespace off strings, anything else as is. */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** What is wrong with a piece of typed text, or null. Non-strings are left to IsString. */
export function textProblem(value: unknown, multiline: boolean): string | null {
  if (typeof value !== 'string') return null;
  if (value.trim().length === 0) return 'must not be blank';
  if (!isWellFormedText(value)) return 'must be well-formed Unicode text';
  if (multiline && CONTROL_BUT_TAB_AND_LINE_BREAKS.test(value))
    return 'must not contain control characters (tabs and line breaks are fine)';
  if (!multiline && SINGLE_LINE_FORBIDDEN.test(value.replace(NEEDED_JOINER, '')))
    return 'must not contain control characters, invisible or direction-changing characters, or line breaks';
  return null;
}

/**
 * Text a person typed and another will read: not blank (whitespace only is blank), well-formed
 * Unicode, and no control characters; `multiline` allows tabs and line breaks (notes, reasons).
 * Length stays with class-validator's Length.
 */
export function IsText({ multiline = false }: { multiline?: boolean } = {}, options?: ValidationOptions) {
  return ValidateBy(
    {
      name: multiline ? 'isMultilineText' : 'isText',
      validator: {
        validate: (value) => textProblem(value, multiline) === null,
        defaultMessage: buildMessage(
          (each, args) => `${each}$property ${textProblem(args?.value, multiline)}`,
          options,
        ),
      },
    },
    options,
  );
}

const MAX_EMAIL_LENGTH = 254;

/** What is wrong with a typed email address, or null. */
export function emailProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_EMAIL_LENGTH) return 'must be an email address';
  // isEmail accepts bidi overrides and zero-width spaces in the local part, so the text check comes first.
  return textProblem(value, false) ?? (isEmail(value) ? null : 'must be an email address');
}

/**
 * An email address someone typed: a string of at most 254 characters, free of control, invisible
 * and bidi characters (a NUL reached SQL before this), and an address by validator.js's rules.
 */
export function IsEmailAddress(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isEmailAddress',
      validator: {
        validate: (value) => emailProblem(value) === null,
        defaultMessage: buildMessage((each, args) => `${each}$property ${emailProblem(args?.value)}`, options),
      },
    },
    options,
  );
}
