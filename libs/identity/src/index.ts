export * from './identity.module.js';
export * from './identity.service.js';
export * from './identity.errors.js';
export * from './auth/authenticated-account.js';
export { AccountEntity } from './account.entity.js';
export { FixedWindowCounter } from './throttling/fixed-window-counter.js';
export { tooManyAttempts } from './throttling/login-throttle.js';
