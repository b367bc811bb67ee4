import { SetMetadata } from '@nestjs/common';

export type Role = 'coach' | 'certifier' | 'admin';
export const ROLES = 'haven:roles';

/** Restricts a route to these roles; any other authenticated role gets 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);
