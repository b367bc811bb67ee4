import { Logger } from 'nestjs-pino';
import { exitOnBadConfig, exitUnlessReachable, HavenConfig } from '#haven/platform';

const bootConfig = exitOnBadConfig('haven api');
await exitUnlessReachable('haven api', bootConfig, { database: 'app', redis: true });
// The application (Nest, every feature) loads only once the services answer.
const { createApiApp } = await import('./create-api-app.js');
const app = await createApiApp(bootConfig);
// On SIGTERM/SIGINT: stop accepting, finish in-flight requests, close pools, exit 0.
app.enableShutdownHooks([], { useProcessExit: true });
const config = app.get(HavenConfig);
await app.listen({ port: config.port, host: config.host });
// The runtime is part of what an operator checks first: Haven needs the Node its package pins.
app.get(Logger).log(`Haven API listening on http://${config.host}:${config.port} (Node ${process.version})`);
