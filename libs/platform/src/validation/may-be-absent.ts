import { ValidateIf } from 'class-validator';

/**
 * A body field the caller may leave out. Unlike class-validator's IsOptional, which also waves
 * `null` through as "absent" (so `"feeType": null` was stored as no fee type while `""` was
 * refused), null is validated like any other value and so refused: no Haven field takes null.
 */
export function MayBeAbsent(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}
