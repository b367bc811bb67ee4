export * from './identity.module.js';
export * from './identity.service.js';
export * from './identity.errors.js';
export * from './auth/authenticated-account.js';
export { AccountEntity } from './account.entity.js';
