import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'haven:isPublic';

/** Marks a route that answers without an access token. Every other route requires one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
