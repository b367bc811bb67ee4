import { exitOnBadConfig, HavenConfig } from '#haven/platform';
import { createApiApp } from './create-api-app.js';

exitOnBadConfig('haven api');
const app = await createApiApp();
// On SIGTERM/SIGINT: stop accepting, finish in-flight requests, close pools, exit 0.
app.enableShutdownHooks([], { useProcessExit: true });
const config = app.get(HavenConfig);
await app.listen({ port: config.port, host: config.host });
