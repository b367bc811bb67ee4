import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { isLocalDate } from '#haven/ethics';

/** Today's calendar date in UTC, the day the API decides for. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

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
