import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '#haven/platform';

/** Who is calling: set by the JWT strategy after the session was found alive in Redis. */
export interface AuthenticatedAccount {
  accountId: string;
  role: Role;
  loginSessionId: string;
  /** Lives only in the access token; unwraps the vault key held in Redis. */
  loginSessionSecret: Uint8Array;
  /** The session's vault key as read from Redis with the session, still wrapped (saves a round trip). */
  wrappedVaultKey?: string | null;
}

export const CurrentAccount = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedAccount =>
    context.switchToHttp().getRequest<{ user: AuthenticatedAccount }>().user,
);
