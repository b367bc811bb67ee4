import { HavenConfig } from '#haven/platform';
import { createApiApp } from './create-api-app.js';

const app = await createApiApp();
const config = app.get(HavenConfig);
await app.listen({ port: config.port, host: config.host });
