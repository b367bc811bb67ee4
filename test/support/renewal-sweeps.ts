import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { CERTIFICATION_QUEUE, RENEWAL_SWEEP, renewalSweepJobId, type SweepOutcome } from '#haven/certification';
import { MAIL_QUEUE, REQUEUE_STUCK_MAIL } from '#haven/mail';
import { createIsolatedDatabase, type IsolatedDatabase, withPgClient } from '#haven/testing';
import { type DeliveredMail, readOutbox, waitUntil } from './mail.js';

const root = new URL('../..', import.meta.url).pathname;

export interface SeededCycle {
  coachId: string;
  cycleId: string;
  expiresOn: string;
}

/**
 * Renewal sweeps against a database, a Redis prefix and a mail outbox folder of their own, run by
 * real worker processes (dist/apps/worker), so a suite can sweep as of any date, kill a worker with
 * SIGKILL and count what came out, without touching the certifications of other suites.
 */
export class SweepHarness {
  private readonly workers = new Set<ChildProcess>();
  private readonly connection: Redis;
  readonly queue: Queue;
  private readonly events: QueueEvents;

  private constructor(
    readonly database: IsolatedDatabase,
    readonly env: NodeJS.ProcessEnv,
  ) {
    const prefix = `${env.REDIS_PREFIX}:bull`;
    this.connection = new Redis(env.REDIS_URL!, { maxRetriesPerRequest: null });
    this.queue = new Queue(CERTIFICATION_QUEUE, { connection: this.connection, prefix });
    this.events = new QueueEvents(CERTIFICATION_QUEUE, { connection: { url: env.REDIS_URL! }, prefix });
  }

  static async start(label: string): Promise<SweepHarness> {
    const built = spawnSync(process.execPath, [join(root, 'scripts/ensure-built.mjs')], {
      cwd: root,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`build failed: ${built.stdout}${built.stderr}`);
    const database = await createIsolatedDatabase(label);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_OPTIONS: '',
      DATABASE_URL: database.config.database.ownerUrl,
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}-${label}-${randomUUID().slice(0, 6)}`,
      MAIL_OUTBOX_DIR: mkdtempSync(join(tmpdir(), `haven-${label}-outbox-`)),
      LOG_LEVEL: 'warn',
    };
    // The worker logs to stdout, where spawnWorker reads that it is ready.
    delete env.LOG_FILE;
    const harness = new SweepHarness(database, env);
    await harness.events.waitUntilReady();
    return harness;
  }

  owner<T = any>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    return withPgClient(this.database.config.database.ownerUrl, async (db) => (await db.query(sql, parameters)).rows);
  }

  /** A body with `certifiers` certifier accounts, written directly (the routes are tested elsewhere). */
  async seedBody(certifiers = 1): Promise<{ bodyId: string; certifierIds: string[] }> {
    const bodyId = randomUUID();
    const certifierIds = Array.from({ length: certifiers }, () => randomUUID());
    await this.owner(
      `INSERT INTO certification_bodies (id, name, renewal_period_months) VALUES ($1, 'Sweep Board', 24)`,
      [bodyId],
    );
    await this.owner(
      `INSERT INTO accounts (id, email, display_name, role, password_hash, pepper_version)
       SELECT id, 'certifier-' || id || '@example.test', 'Certifier', 'certifier', 'unused', 1 FROM unnest($1::uuid[]) id`,
      [certifierIds],
    );
    await this.owner(`INSERT INTO certifiers (account_id, body_id) SELECT id, $2 FROM unnest($1::uuid[]) id`, [
      certifierIds,
      bodyId,
    ]);
    return { bodyId, certifierIds };
  }

  /** One coach with a certification of `bodyId` per expiry date (issued 24 months before it). */
  async seedCertifications(bodyId: string, expiries: string[]): Promise<SeededCycle[]> {
    const coachIds = expiries.map(() => randomUUID());
    const cycleIds = expiries.map(() => randomUUID());
    await this.owner(
      `INSERT INTO accounts (id, email, display_name, role, password_hash, pepper_version,
                             vault_kdf, vault_wrapped_by_password, vault_wrapped_by_recovery)
       SELECT id, 'coach-' || id || '@example.test', 'Sweep Coach', 'coach', 'unused', 1, '{}', 'unused', 'unused'
         FROM unnest($1::uuid[]) id`,
      [coachIds],
    );
    await this.owner(
      `INSERT INTO certifications (coach_id, body_id, credential_number)
       SELECT id, $2, 'CR-' || left(id::text, 8) FROM unnest($1::uuid[]) id`,
      [coachIds, bodyId],
    );
    await this.owner(
      `INSERT INTO certification_cycles (id, coach_id, body_id, seq, issued_on, expires_on)
       SELECT cycle, coach, $4, 1, (expiry - interval '24 months')::date, expiry
         FROM unnest($1::uuid[], $2::uuid[], $3::date[]) AS t(cycle, coach, expiry)`,
      [cycleIds, coachIds, expiries, bodyId],
    );
    return expiries.map((expiresOn, index) => ({ coachId: coachIds[index]!, cycleId: cycleIds[index]!, expiresOn }));
  }

  /** A real worker process; resolves once it processes jobs. */
  async spawnWorker(): Promise<ChildProcess> {
    const child = spawn(process.execPath, [join(root, 'dist/apps/worker/src/main.js')], {
      cwd: root,
      env: { ...this.env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.workers.add(child);
    child.once('exit', () => this.workers.delete(child));
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk;
        if (output.includes('Haven worker is processing jobs')) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk) => (output += chunk));
      child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${output}`)));
    });
    return child;
  }

  /** `npm run cli -- renewals:sweep <args>` against this harness (built CLI): exit status and output. */
  runCli(args: string[]): Promise<{ status: number | null; output: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [join(root, 'dist/apps/cli/src/main.js'), 'renewals:sweep', ...args], {
        cwd: root,
        env: this.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout!.on('data', (chunk) => (output += chunk));
      child.stderr!.on('data', (chunk) => (output += chunk));
      child.once('exit', (status) => resolve({ status, output }));
    });
  }

  /** Enqueues one sweep as of `asOf` and resolves with the job, without waiting for it. */
  enqueueSweep(asOf: string) {
    return this.queue.add(
      RENEWAL_SWEEP,
      { asOf, requestedBy: 'cli' },
      { jobId: renewalSweepJobId(asOf, randomUUID()) },
    );
  }

  /** A sweep as of `asOf` through the queue, run by a worker; its outcome. */
  async sweep(asOf: string): Promise<SweepOutcome> {
    const job = await this.enqueueSweep(asOf);
    return job.waitUntilFinished(this.events, 120_000);
  }

  waitFor(job: { waitUntilFinished: (events: QueueEvents, ttl?: number) => Promise<SweepOutcome> }) {
    return job.waitUntilFinished(this.events, 180_000);
  }

  /** The reminder claims of these cycles: `<cycle index>:<days before>:<state>`, sorted. */
  async claims(cycles: SeededCycle[]): Promise<string[]> {
    const index = new Map(cycles.map((cycle, at) => [cycle.cycleId, at]));
    const rows = await this.owner<{ cycle_id: string; days_before: number; state: string }>(
      `SELECT cycle_id, days_before, state FROM renewal_reminders WHERE cycle_id = ANY($1::uuid[])`,
      [cycles.map((cycle) => cycle.cycleId)],
    );
    return rows.map((row) => `${index.get(row.cycle_id)}:${row.days_before}:${row.state}`).sort();
  }

  /** The .eml files the workers wrote whose message key starts with `prefix`. */
  async delivered(prefix: string): Promise<DeliveredMail[]> {
    return (await readOutbox(this.env.MAIL_OUTBOX_DIR)).filter((mail) => mail.messageKey?.startsWith(prefix));
  }

  /**
   * Waits until `count` messages with keys starting with `prefix` are delivered; returns them. With
   * `requeueStuck`, it also plays libs/mail's 5-minute scheduler every 10 s (this harness runs no
   * `schedules:sync`): mail whose job a killed worker never enqueued goes out once it is 2 min old.
   */
  async waitForDelivered(
    prefix: string,
    count: number,
    { timeoutMs = 180_000, requeueStuck = false }: { timeoutMs?: number; requeueStuck?: boolean } = {},
  ): Promise<DeliveredMail[]> {
    const mailQueue = new Queue(MAIL_QUEUE, { connection: this.connection, prefix: `${this.env.REDIS_PREFIX}:bull` });
    const tick = requeueStuck
      ? setInterval(() => void mailQueue.add(REQUEUE_STUCK_MAIL, { requestedBy: 'schedule' }), 10_000)
      : undefined;
    try {
      await waitUntil(async () => (await this.delivered(prefix)).length >= count, timeoutMs);
    } finally {
      clearInterval(tick);
      await mailQueue.close();
    }
    return this.delivered(prefix);
  }

  /** Rows of mail_outbox whose message key starts with `prefix`. */
  async outboxRows(prefix: string): Promise<number> {
    const [row] = await this.owner(`SELECT count(*)::int AS n FROM mail_outbox WHERE starts_with(message_key, $1)`, [
      prefix,
    ]);
    return row.n;
  }

  async close(): Promise<void> {
    for (const worker of this.workers) worker.kill('SIGKILL');
    await this.events.close();
    await this.queue.close();
    await this.connection.quit();
    await this.database.drop();
    rmSync(this.env.MAIL_OUTBOX_DIR!, { recursive: true, force: true });
  }
}

/** `date` plus `days`, both YYYY-MM-DD. */
export function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
