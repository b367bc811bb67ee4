import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { isLocalDate } from '#haven/ethics';

// Date and time with seconds optional, and an explicit zone: an instant is never ambiguous.
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** Clocks of a coach's device and the server disagree a little. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** A real instant: Date.parse alone would roll 2026-02-30 over to 2 March. */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value);
  if (!match || !isLocalDate(match[1])) return false;
  const [hours, minutes, seconds, offsetHours, offsetMinutes] = match.slice(2).map((part) => Number(part ?? 0));
  return hours! < 24 && minutes! < 60 && seconds! < 60 && offsetHours! < 24 && offsetMinutes! < 60;
}

/** An ISO 8601 instant with a zone, e.g. `2026-03-02T14:00:00Z`. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value) => isInstant(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an ISO 8601 date and time with a zone, e.g. 2026-03-02T14:00:00Z`,
          options,
        ),
      },
    },
    options,
  );
}

/** A session is recorded once it happened. Leaves malformed values to IsInstant. */
export function IsNotInFuture(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotInFuture',
      validator: {
        validate: (value) => !isInstant(value) || Date.parse(value) <= Date.now() + FUTURE_TOLERANCE_MS,
        defaultMessage: buildMessage((each) => `${each}$property must not be in the future`, options),
      },
    },
    options,
  );
}

/** The earliest plausible session: no notes kept in Haven predate it. */
export const EARLIEST_SESSION = '1970-01-01T00:00:00Z';

/** Not before EARLIEST_SESSION. Leaves malformed values to IsInstant. */
export function IsNotBeforeEarliestSession(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBeforeEarliestSession',
      validator: {
        validate: (value) => !isInstant(value) || Date.parse(value) >= Date.parse(EARLIEST_SESSION),
        defaultMessage: buildMessage((each) => `${each}$property must not be before ${EARLIEST_SESSION}`, options),
      },
    },
    options,
  );
}
