export * from './test-environment.js';
export * from './owner-client.js';
export * from './isolated-database.js';
