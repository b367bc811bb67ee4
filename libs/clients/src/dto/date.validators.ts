import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { isLocalDate } from '#haven/ethics';
import { todayUtc } from '../today-utc.js';

/** A real calendar date written YYYY-MM-DD (2025-02-30 is not). */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (value) => isLocalDate(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a calendar date written YYYY-MM-DD`, options),
      },
    },
    options,
  );
}

/** Not after today (UTC). Leaves malformed dates to IsLocalDate. */
export function IsNotAfterToday(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotAfterToday',
      validator: {
        validate: (value) => !isLocalDate(value) || value <= todayUtc(),
        defaultMessage: buildMessage((each) => `${each}$property must not be in the future`, options),
      },
    },
    options,
  );
}

/** The earliest plausible date of birth or supervision: nobody alive was born before it. */
export const EARLIEST_LOCAL_DATE = '1900-01-01';

/** On or after `earliest` (YYYY-MM-DD). Leaves malformed dates to IsLocalDate. */
export function IsOnOrAfter(earliest: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isOnOrAfter',
      constraints: [earliest],
      validator: {
        validate: (value) => !isLocalDate(value) || value >= earliest,
        defaultMessage: buildMessage((each) => `${each}$property must be on or after ${earliest}`, options),
      },
    },
    options,
  );
}
