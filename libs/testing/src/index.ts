export * from './test-environment.js';
export * from './pg-clients.js';
export * from './isolated-database.js';
export * from './signed-up-caller.js';
