import pg from 'pg';
import { testConfig } from './test-environment.js';

/** A superuser connection to this run's database, for what an attacker or a DBA could do. */
export async function withOwnerClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testConfig().database.ownerUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
