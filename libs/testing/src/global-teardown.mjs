import { dropTestDatabase } from './test-database.mjs';

export default async function globalTeardown() {
  await dropTestDatabase();
}
