import pg from 'pg';
import { testConfig } from './test-environment.js';

/** One connection to `url` for the length of `work`, closed whatever happens. */
export async function withPgClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A superuser connection to this run's database, for what an attacker or a DBA could do. */
export function withOwnerClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withPgClient(testConfig().database.ownerUrl, work);
}

/** A connection as the API's own role (haven_app), outside the API. */
export function withAppClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withPgClient(testConfig().database.appUrl, work);
}
