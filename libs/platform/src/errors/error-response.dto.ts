import { ApiProperty } from '@nestjs/swagger';

/** Every error answer, for the OpenAPI document: what HavenExceptionFilter sends. */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({
    example: 'VALIDATION_FAILED',
    description: 'UPPER_SNAKE; ethics refusals are ETHICS_<RULE ID> (docs/ethics.md).',
  })
  code!: string;

  @ApiProperty({ example: 'Invalid request: email must be an email address.' })
  message!: string;
}

/** The error answers any route may give, documented once for the whole API. */
export const COMMON_ERROR_RESPONSES = [
  { status: 400, description: 'VALIDATION_FAILED (names the field), MALFORMED_JSON or BAD_REQUEST' },
  { status: 401, description: 'UNAUTHENTICATED: no token, or one that expired or was logged out' },
  { status: 403, description: 'FORBIDDEN: the route is not for this role' },
  { status: 404, description: "NOT_FOUND: unknown, deleted or someone else's resource" },
  { status: 413, description: 'PAYLOAD_TOO_LARGE: bodies are at most 1 MiB' },
  { status: 415, description: 'UNSUPPORTED_MEDIA_TYPE: bodies are application/json' },
  { status: 422, description: 'ETHICS_<RULE ID>: refused by a rule of the code of ethics; RECORD_UNREADABLE' },
  { status: 429, description: 'TOO_MANY_ATTEMPTS or TOO_MANY_REQUESTS, with Retry-After' },
].map((response) => ({ ...response, type: ErrorResponseDto }));
