import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { isLocalDate } from '#haven/ethics';
import { todayUtc } from '../today-utc.js';

/** A real calendar date written YYYY-MM-DD, on or after 1900-01-01; with `notAfterToday`, not in the future. */
export function IsCertificationDate(
  { notAfterToday = false, afterToday = false }: { notAfterToday?: boolean; afterToday?: boolean } = {},
  options?: ValidationOptions,
): PropertyDecorator {
  const problem = (value: unknown): string | null => {
    if (!isLocalDate(value)) return 'must be a calendar date written YYYY-MM-DD';
    if (value < '1900-01-01') return 'must be on or after 1900-01-01';
    if (notAfterToday && value > todayUtc()) return 'must not be in the future';
    if (afterToday && value <= todayUtc()) return 'must be after today';
    return null;
  };
  return ValidateBy(
    {
      name: 'isCertificationDate',
      validator: {
        validate: (value) => problem(value) === null,
        defaultMessage: buildMessage((each, args) => `${each}$property ${problem(args?.value)}`, options),
      },
    },
    options,
  );
}
