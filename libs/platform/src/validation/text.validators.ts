import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

// Finding control characters is the point of these two patterns.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
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
  if (!multiline && CONTROL.test(value)) return 'must not contain control characters or line breaks';
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
