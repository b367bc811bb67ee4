import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

/** The claims of a Haven access token (HS256). `sk` is the login session's secret, base64url. */
export interface AccessTokenClaims {
  sub: string;
  sid: string;
  sk: string;
  role: string;
}

// What a token must carry to be accepted. `exp` is required: jsonwebtoken only checks it when present.
const acceptedClaims = z.object({
  sub: z.uuid(),
  sid: z.uuid(),
  sk: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a 32-byte secret, base64url'),
  role: z.enum(['coach', 'certifier', 'admin']),
  exp: z.number().int().positive(),
  iat: z.number().int().positive().optional(),
});

/** The claims when every one is present and well-typed, else null (the caller answers 401). */
export function parseAccessTokenClaims(payload: unknown): AccessTokenClaims | null {
  const parsed = acceptedClaims.safeParse(payload);
  return parsed.success ? parsed.data : null;
}

// Exactly `Bearer <header>.<payload>.<signature>`: passport-jwt's own extractor took the first two
// words, so `Bearer <token> junk` was accepted.
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;

/** The token of an `Authorization: Bearer <token>` header that holds nothing else, or null (401). */
export function bearerTokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  return typeof header === 'string' ? (BEARER.exec(header)?.[1] ?? null) : null;
}
