import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
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

/**
 * The path of the first key, at any depth, that names something every object inherits
 * (`constructor`, `toString`, `__proto__`, `hasOwnProperty`, ...), or null. class-validator's
 * whitelist looks fields up in a plain object, where such names always "exist", so it let them
 * through in bodies and queries. `prototype` too: Nest's pipe deletes it silently before validating.
 * No DTO declares one, so each is an unknown field.
 */
export function firstInheritedName(value: unknown, path = ''): string | null {
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const field = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (!Array.isArray(value) && (key in Object.prototype || key === 'prototype')) return field;
    const found = firstInheritedName(item, field);
    if (found !== null) return found;
  }
  return null;
}

/** class-validator's pipe, behind a refusal of inherited names (see firstInheritedName). */
class HavenValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const inherited = firstInheritedName(value);
      if (inherited !== null) {
        throw new ValidationFailedException(`Invalid request: property ${inherited} should not exist.`);
      }
    }
    return super.transform(value, metadata);
  }
}

/** Unknown fields are refused, known ones transformed to their DTO types. */
export function createValidationPipe(): ValidationPipe {
  return new HavenValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new ValidationFailedException(`Invalid request: ${summarizeProblems(describeValidationErrors(errors))}.`),
  });
}
