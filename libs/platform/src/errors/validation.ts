import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationFailedException } from './haven.exception.js';

/** Flattens class-validator errors into one sentence that names every bad field. */
export function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((text) =>
      text.startsWith(error.property) ? `${field}${text.slice(error.property.length)}` : `${field}: ${text}`,
    );
    return [...own, ...describeValidationErrors(error.children ?? [], field)];
  });
}

/** A refusal names the first few problems only: a body of 90,000 unknown keys must not echo them all. */
const PROBLEMS_NAMED = 5;

/** One sentence naming the first few problems and how many more there are. */
export function summarizeProblems(problems: string[]): string {
  const named = problems.slice(0, PROBLEMS_NAMED).join('; ');
  const more = problems.length - PROBLEMS_NAMED;
  return more > 0 ? `${named}; and ${more} more` : named;
}

/** Unknown fields are refused, known ones transformed to their DTO types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new ValidationFailedException(`Invalid request: ${summarizeProblems(describeValidationErrors(errors))}.`),
  });
}
