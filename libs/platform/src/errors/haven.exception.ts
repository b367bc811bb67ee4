/**
 * The one error shape Haven answers with: `{ statusCode, code, message }`. Feature libs subclass it
 * with their own code enums. The message is for a person and never carries confidential data.
 */
export class HavenException extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Codes for failures that belong to no single feature. */
export enum CommonErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  MALFORMED_JSON = 'MALFORMED_JSON',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  CONFLICT = 'CONFLICT',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  BAD_REQUEST = 'BAD_REQUEST',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
}

export class ValidationFailedException extends HavenException {
  constructor(message: string) {
    super(400, CommonErrorCode.VALIDATION_FAILED, message);
  }
}

export class NotFoundException extends HavenException {
  constructor(what = 'resource') {
    super(404, CommonErrorCode.NOT_FOUND, `No such ${what}.`);
  }
}
