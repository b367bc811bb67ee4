import { setTimeout as sleep } from 'node:timers/promises';
import { plusDays, SweepHarness } from './support/renewal-sweeps.js';

const DUE = 1000;

// A real worker process killed with SIGKILL in the middle of a sweep, then a new worker and the
// sweep again (the next scheduled run, or an operator's replay): nothing lost, nothing doubled.
describe('a renewal sweep whose worker is killed with SIGKILL mid-way (CERT_REMINDERS)', () => {
  let harness: SweepHarness;

  beforeAll(async () => {
    harness = await SweepHarness.start('sweepfault');
  }, 300_000);
  afterAll(() => harness?.close());

  it('CERT_REMINDERS: loses no reminder and doubles none once a new worker sweeps again', async () => {
    const { bodyId } = await harness.seedBody();
    const asOf = '2045-09-01';
    const cycles = await harness.seedCertifications(
      bodyId,
      Array.from({ length: DUE }, (_, index) => plusDays(asOf, 1 + (index % 89))),
    );
    const claimed = async () =>
      (await harness.owner(`SELECT count(*)::int AS n FROM renewal_reminders WHERE state = 'queued'`))[0].n as number;

    const worker = await harness.spawnWorker();
    await harness.enqueueSweep(asOf);
    let atKill = 0;
    while (atKill === 0) {
      await sleep(20);
      atKill = await claimed();
    }
    worker.kill('SIGKILL');
    await new Promise((resolve) => worker.once('exit', resolve));
    const afterKill = await claimed();
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(DUE);

    await harness.spawnWorker();
    const outcome = await harness.sweep(asOf);
    // The killed job comes back as stalled and may share the rest of the work with this sweep.
    expect(outcome.reminders).toBeLessThanOrEqual(DUE - afterKill);
    const queued = (await harness.claims(cycles)).filter((claim) => claim.endsWith(':queued'));
    expect(queued).toHaveLength(DUE);
    expect(new Set(queued.map((claim) => claim.split(':')[0])).size).toBe(DUE);
    // Each reminder stored once in the outbox, and written once as an .eml file.
    expect(await harness.outboxRows('renewal-reminder:')).toBe(DUE);
    const delivered = await harness.waitForDelivered('renewal-reminder:', DUE, {
      timeoutMs: 420_000,
      requeueStuck: true,
    });
    expect(delivered).toHaveLength(DUE);
    expect(new Set(delivered.map((mail) => mail.messageKey)).size).toBe(DUE);
  }, 600_000);
});
