import { exitOnBadConfig, HavenConfig } from '#haven/platform';
import { createApiApp } from './create-api-app.js';

const app = await createApiApp(exitOnBadConfig('haven api'));
// On SIGTERM/SIGINT: stop accepting, finish in-flight requests, close pools, exit 0.
app.enableShutdownHooks([], { useProcessExit: true });
const config = app.get(HavenConfig);
await app.listen({ port: config.port, host: config.host });
