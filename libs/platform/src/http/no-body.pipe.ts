import { Injectable, type PipeTransform } from '@nestjs/common';
import { ValidationFailedException } from '../errors/haven.exception.js';
import { summarizeProblems } from '../errors/validation.js';

/**
 * For routes that take no body: `@Body(NoBodyPipe) _body: unknown`. No body or `{}` passes; any
 * field is refused with a 400 naming it, as unknown fields are on every other route, instead of
 * being silently ignored.
 */
@Injectable()
export class NoBodyPipe implements PipeTransform {
  transform(value: unknown): undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ValidationFailedException('Invalid request: this route takes no body.');
    }
    const fields = Object.keys(value);
    if (fields.length > 0) {
      throw new ValidationFailedException(
        `Invalid request: this route takes no body; ${summarizeProblems(fields.map((field) => `property ${field} should not exist`))}.`,
      );
    }
    return undefined;
  }
}
