import type { QueryRunner } from 'typeorm';
import { createIsolatedDatabase, withPgClient, type IsolatedDatabase } from '#haven/testing';
import { NormalizeAccountEmails1764600000000 } from '../../migrations/1764600000000-NormalizeAccountEmails.js';

const insertAccount = `INSERT INTO accounts (email, display_name, role, password_hash, pepper_version)
  VALUES ($1, 'X', 'admin', 'x', 1) RETURNING id`;

describe('migration NormalizeAccountEmails', () => {
  let database: IsolatedDatabase;

  beforeAll(async () => {
    database = await createIsolatedDatabase('nfc');
  });
  afterAll(() => database.drop());

  it('brings stored emails to NFC, leaves a pair that would collide as it was, then refuses non-NFC rows', async () => {
    await withPgClient(database.config.database.ownerUrl, async (db) => {
      // The rows a database had before the migration: the check did not exist yet.
      await db.query(`ALTER TABLE accounts DROP CONSTRAINT accounts_email_nfc`);
      const decomposedAlone = 'zoe\u0308@example.test';
      const composed = 'cle\u0301ment@example.test'.normalize('NFC');
      const decomposedTwin = 'cle\u0301ment@example.test';
      const alone = (await db.query(insertAccount, [decomposedAlone])).rows[0].id;
      await db.query(insertAccount, [composed]);
      const twin = (await db.query(insertAccount, [decomposedTwin])).rows[0].id;

      await new NormalizeAccountEmails1764600000000().up({
        query: (sql: string) => db.query(sql),
      } as unknown as QueryRunner);

      const emailOf = async (id: string) =>
        (await db.query(`SELECT email FROM accounts WHERE id = $1`, [id])).rows[0].email as string;
      expect(await emailOf(alone)).toBe('zoë@example.test'.normalize('NFC'));
      expect(await emailOf(twin)).toBe(decomposedTwin);
      await expect(db.query(insertAccount, ['rene\u0301@example.test'])).rejects.toThrow(/accounts_email_nfc/);
    });
  });
});
