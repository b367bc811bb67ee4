import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { HavenException, CommonErrorCode, IS_PUBLIC, ROLES, type Role } from '#haven/platform';
import type { AuthenticatedAccount } from './authenticated-account.js';

/** Global guard: every route needs a live session unless @Public(); @Roles() then limits who (403). */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    await super.canActivate(context);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    const { user } = context.switchToHttp().getRequest<{ user: AuthenticatedAccount }>();
    if (roles && !roles.includes(user.role)) {
      throw new HavenException(403, CommonErrorCode.FORBIDDEN, 'Your role cannot use this route.');
    }
    return true;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    if (!user) throw new HavenException(401, CommonErrorCode.UNAUTHENTICATED, 'Log in and send the access token.');
    return user;
  }
}
