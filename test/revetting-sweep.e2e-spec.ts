import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jest } from '@jest/globals';
import type pg from 'pg';
import { createIsolatedDatabase, type IsolatedDatabase, withPgClient } from '#haven/testing';
import { referralsSweepCommand } from '../apps/cli/src/commands/referrals-sweep.command.js';
import { readOutbox, startTestWorker, type TestWorker, waitUntil } from './support/mail.js';

// PRACTICE_VETTED_REFERRAL: the daily re-vetting sweep, run as operators and the worker run it: a
// real child process (the built CLI, `referrals:sweep --as-of`), twice, two at once, and killed with
// SIGKILL in the middle, then run again. Each reminder must go out exactly once: one claim row, one
// outbox row and one .eml file per (provider, due day).
//
// The suite has a database, a Redis prefix and a mail folder of its own, so no other suite's
// providers or mail workers are counted; its worker (the real WorkerModule) delivers the mail.

const root = fileURLToPath(new URL('..', import.meta.url));
const COACHES_PER_BATCH = 6;
const PROVIDERS_PER_COACH = 5;

// Three batches, each due within 30 days of its own sweep day only (12-month period).
const BATCHES = {
  twice: { vettedOn: '2029-01-20', dueOn: '2030-01-20', asOf: '2030-01-10' },
  together: { vettedOn: '2029-03-20', dueOn: '2030-03-20', asOf: '2030-03-10' },
  killed: { vettedOn: '2029-05-20', dueOn: '2030-05-20', asOf: '2030-05-10' },
} as const;
type Batch = keyof typeof BATCHES;

interface SweepRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

describe('PRACTICE_VETTED_REFERRAL: the re-vetting sweep sends each reminder exactly once', () => {
  let database: IsolatedDatabase;
  let env: NodeJS.ProcessEnv;
  let outboxDir: string;
  let worker: TestWorker;
  const providers: Record<Batch, { coachId: string; providerId: string }[]> = { twice: [], together: [], killed: [] };

  const owner = <T>(work: (db: pg.Client) => Promise<T>) => withPgClient(database.config.database.ownerUrl, work);

  beforeAll(async () => {
    const built = spawnSync(process.execPath, [join(root, 'scripts/ensure-built.mjs')], {
      cwd: root,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`build failed:\n${built.stdout}${built.stderr}`);
    database = await createIsolatedDatabase('revetting');
    outboxDir = mkdtempSync(join(tmpdir(), 'haven-revetting-outbox-'));
    env = {
      ...process.env,
      DATABASE_URL: database.config.database.ownerUrl,
      DATABASE_APP_URL: database.config.database.appUrl,
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}-revetting`,
      MAIL_OUTBOX_DIR: outboxDir,
    };
    await owner(async (db) => {
      for (const batch of Object.keys(BATCHES) as Batch[]) {
        for (let c = 0; c < COACHES_PER_BATCH; c++) {
          const coachId = randomUUID();
          // The sweep reads no vault: placeholder key material satisfies the coach's CHECK.
          await db.query(
            `INSERT INTO accounts (id, email, display_name, role, password_hash, pepper_version,
                                   vault_kdf, vault_wrapped_by_password, vault_wrapped_by_recovery)
             VALUES ($1, $2, 'Robin Coach', 'coach', 'x', 1, '{}', 'x', 'x')`,
            [coachId, `coach-${randomBytes(5).toString('hex')}@example.test`],
          );
          for (let p = 0; p < PROVIDERS_PER_COACH; p++) {
            const providerId = randomUUID();
            await db.query(
              `INSERT INTO providers (id, coach_id, name, kind, organization, contact, specialties, last_vetted_on, created_at)
               VALUES ($1, $2, $3, 'therapist', NULL, '+1 555 0100', '{}', $4, now())`,
              [providerId, coachId, `Provider ${p}`, BATCHES[batch].vettedOn],
            );
            providers[batch].push({ coachId, providerId });
          }
        }
      }
    });
    worker = await startTestWorker({
      DATABASE_URL: env.DATABASE_URL!,
      DATABASE_APP_URL: env.DATABASE_APP_URL!,
      REDIS_PREFIX: env.REDIS_PREFIX!,
      MAIL_OUTBOX_DIR: outboxDir,
    });
  }, 300_000);

  afterAll(async () => {
    await worker?.close();
    await database?.drop();
  });

  function startSweep(asOf: string): { child: ChildProcess; done: Promise<SweepRun> } {
    const child = spawn(
      process.execPath,
      [join(root, 'dist/apps/cli/src/main.js'), 'referrals:sweep', '--as-of', asOf],
      {
        cwd: root,
        env,
        stdio: 'pipe',
      },
    );
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const done = new Promise<SweepRun>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal, output })),
    );
    return { child, done };
  }

  const sweep = (asOf: string) => startSweep(asOf).done;
  const sentBy = (run: SweepRun) => Number(/(\d+) re-vetting reminder\(s\) sent/.exec(run.output)?.[1] ?? NaN);
  const keysOf = (batch: Batch) =>
    providers[batch].map(({ providerId }) => `revetting:${providerId}:${BATCHES[batch].dueOn}`).sort();

  async function claimsOf(batch: Batch): Promise<number> {
    return owner(async (db) => {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM provider_revetting_reminders WHERE due_on = $1`, [
        BATCHES[batch].dueOn,
      ]);
      return rows[0].n;
    });
  }

  /** Waits until every outbox row of the batch is sent, then answers its rows' and files' message keys. */
  async function deliveredKeys(batch: Batch): Promise<{ outbox: string[]; files: string[] }> {
    const pattern = `revetting:%:${BATCHES[batch].dueOn}`;
    const outboxKeys = () =>
      owner(async (db) => {
        const { rows } = await db.query(
          `SELECT message_key, sent_at IS NOT NULL AS sent FROM mail_outbox WHERE message_key LIKE $1`,
          [pattern],
        );
        return rows as { message_key: string; sent: boolean }[];
      });
    await waitUntil(async () => {
      const rows = await outboxKeys();
      return rows.length === keysOf(batch).length && rows.every((row) => row.sent);
    }, 60_000);
    const files = (await readOutbox(outboxDir))
      .map((mail) => mail.messageKey ?? '')
      .filter((key) => key.endsWith(`:${BATCHES[batch].dueOn}`));
    return { outbox: (await outboxKeys()).map((row) => row.message_key).sort(), files: files.sort() };
  }

  it('PRACTICE_VETTED_REFERRAL: run twice for one day, the second run sends nothing', async () => {
    const first = await sweep(BATCHES.twice.asOf);
    expect(first.code).toBe(0);
    expect(sentBy(first)).toBe(keysOf('twice').length);
    for (const { providerId } of providers.twice) expect(first.output).toContain(`provider ${providerId}`);
    const second = await sweep(BATCHES.twice.asOf);
    expect(second.code).toBe(0);
    expect(sentBy(second)).toBe(0);
    expect(await claimsOf('twice')).toBe(keysOf('twice').length);
    expect(await deliveredKeys('twice')).toEqual({ outbox: keysOf('twice'), files: keysOf('twice') });
  }, 120_000);

  it('PRACTICE_VETTED_REFERRAL: run by two processes at once, each reminder is claimed and sent by one of them', async () => {
    const [a, b] = await Promise.all([sweep(BATCHES.together.asOf), sweep(BATCHES.together.asOf)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(sentBy(a) + sentBy(b)).toBe(keysOf('together').length);
    expect(await claimsOf('together')).toBe(keysOf('together').length);
    expect(await deliveredKeys('together')).toEqual({ outbox: keysOf('together'), files: keysOf('together') });
  }, 120_000);

  it('PRACTICE_VETTED_REFERRAL: killed with SIGKILL mid-run and run again, each reminder is sent once', async () => {
    // Hold one provider's claim (uncommitted) in a coach half-way through the sweep's order: the
    // sweep commits the coaches before it, then waits on that row. That is the middle of the run.
    const coaches = [...new Set(providers.killed.map((p) => p.coachId))].sort();
    const blockedCoach = coaches[Math.floor(coaches.length / 2)]!;
    const blocked = providers.killed.find((p) => p.coachId === blockedCoach)!;
    const coachesBefore = coaches.indexOf(blockedCoach);
    await withPgClient(database.config.database.ownerUrl, async (db) => {
      await db.query('BEGIN');
      await db.query(`SELECT set_config('app.current_coach', $1, true)`, [blockedCoach]);
      await db.query(
        `INSERT INTO provider_revetting_reminders (provider_id, due_on, coach_id, claimed_at) VALUES ($1, $2, $3, now())`,
        [blocked.providerId, BATCHES.killed.dueOn, blockedCoach],
      );
      const run = startSweep(BATCHES.killed.asOf);
      // Mid-run: the coaches before the blocked one are committed, and the sweep waits on the lock.
      await waitUntil(async () => (await claimsOf('killed')) === coachesBefore * PROVIDERS_PER_COACH, 120_000);
      await waitUntil(
        () =>
          owner(async (probe) => {
            const { rows } = await probe.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            );
            return rows[0].n > 0;
          }),
        60_000,
      );
      expect(run.child.kill('SIGKILL')).toBe(true);
      const killed = await run.done;
      expect(killed.signal).toBe('SIGKILL');
      await db.query('ROLLBACK');
    });
    // The killed run left exactly the coaches it had committed; the blocked coach's transaction died with it.
    expect(await claimsOf('killed')).toBe(coachesBefore * PROVIDERS_PER_COACH);

    const restarted = await sweep(BATCHES.killed.asOf);
    expect(restarted.code).toBe(0);
    expect(sentBy(restarted)).toBe(keysOf('killed').length - coachesBefore * PROVIDERS_PER_COACH);
    expect(restarted.output).toContain(`provider ${blocked.providerId}`);
    expect(await claimsOf('killed')).toBe(keysOf('killed').length);
    expect(await deliveredKeys('killed')).toEqual({ outbox: keysOf('killed'), files: keysOf('killed') });
  }, 240_000);

  it('PRACTICE_VETTED_REFERRAL: the reminder goes to the coach, names the provider and the due day, and nothing else', async () => {
    const [{ coachId, providerId }] = providers.twice;
    const mail = (await readOutbox(outboxDir)).find((m) => m.messageKey === `revetting:${providerId}:2030-01-20`)!;
    const email = await owner(
      async (db) => (await db.query(`SELECT email FROM accounts WHERE id = $1`, [coachId])).rows[0].email,
    );
    expect(mail.to).toBe(email);
    expect(mail.text).toContain('runs out on 2030-01-20');
    expect(mail.text).toMatch(/Provider \d/);
  });

  it('refuses a malformed --as-of with a sentence and exit status 2, before it connects to anything', async () => {
    const printed: string[] = [];
    const error = jest.spyOn(console, 'error').mockImplementation((line: unknown) => void printed.push(String(line)));
    try {
      expect(await referralsSweepCommand(database.config, ['--as-of', '2030-02-30'])).toBe(2);
      expect(await referralsSweepCommand(database.config, ['--as-of'])).toBe(2);
    } finally {
      error.mockRestore();
    }
    expect(printed).toEqual([
      'referrals:sweep: --as-of must be a calendar date written YYYY-MM-DD',
      'referrals:sweep: --as-of must be a calendar date written YYYY-MM-DD',
    ]);
  });
});
