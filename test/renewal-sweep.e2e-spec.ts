import { REMINDER_OFFSETS_DAYS } from '#haven/ethics';
import { plusDays, SweepHarness } from './support/renewal-sweeps.js';

// Each test sweeps dates of its own year, so the cycles of one test are never due in another's sweeps.
describe('the renewal sweep through the queue and a real worker process (CERT_REMINDERS, CERT_RENEWAL)', () => {
  let harness: SweepHarness;

  beforeAll(async () => {
    harness = await SweepHarness.start('sweep');
    await harness.spawnWorker();
  }, 300_000);
  afterAll(() => harness?.close());

  it('CERT_REMINDERS: a sweep as of each offset day claims exactly that reminder; the same sweep again claims nothing new', async () => {
    const { bodyId } = await harness.seedBody();
    const cycles = await harness.seedCertifications(bodyId, ['2041-06-15']);
    const expected: string[] = [];
    expect(await harness.sweep(plusDays('2041-06-15', -91))).toMatchObject({ reminders: 0 });
    const keyPrefix = `renewal-reminder:${cycles[0]!.cycleId}:`;
    for (const [index, offset] of REMINDER_OFFSETS_DAYS.entries()) {
      const asOf = plusDays('2041-06-15', -offset);
      expect(await harness.sweep(asOf)).toMatchObject({ asOf, reminders: 1 });
      expected.push(`0:${offset}:queued`);
      expect(await harness.claims(cycles)).toEqual(expected.sort());
      const mail = (await harness.waitForDelivered(keyPrefix, index + 1)).find(
        (delivered) => delivered.messageKey === `${keyPrefix}${offset}`,
      );
      expect(mail?.subject).toBe(`Your certification expires in ${offset === 1 ? '1 day' : `${offset} days`}`);
      expect(mail?.text).toContain('Your ethics review course for this cycle is still missing');
      expect(await harness.sweep(asOf)).toMatchObject({ asOf, reminders: 0 });
      expect(await harness.claims(cycles)).toEqual(expected);
    }
    expect((await harness.delivered(keyPrefix)).map((mail) => mail.messageKey).sort()).toEqual(
      REMINDER_OFFSETS_DAYS.map((offset) => `${keyPrefix}${offset}`).sort(),
    );
    expect(await harness.outboxRows(keyPrefix)).toBe(REMINDER_OFFSETS_DAYS.length);
  });

  it('CERT_REMINDERS: a sweep as of 200 days after the last run claims one reminder per certification, the most urgent, and skips the rest', async () => {
    const { bodyId } = await harness.seedBody();
    const lastRun = '2042-01-01';
    const late = plusDays(lastRun, 200);
    // Expiring 1 to 89 days after the late sweep: every offset down to the most urgent one was missed.
    const expiries = [1, 5, 10, 20, 45, 89].map((days) => plusDays(late, days));
    const cycles = await harness.seedCertifications(bodyId, expiries);
    expect(await harness.sweep(lastRun)).toMatchObject({ reminders: 0 });
    expect(await harness.sweep(late)).toMatchObject({ reminders: expiries.length });
    const claims = await harness.claims(cycles);
    const queued = claims.filter((claim) => claim.endsWith(':queued'));
    expect(queued).toEqual(['0:1:queued', '1:7:queued', '2:14:queued', '3:30:queued', '4:60:queued', '5:90:queued']);
    // What was skipped is claimed too, so no later sweep sends it.
    expect(claims).toContain('0:90:skipped');
    expect(claims).toContain('0:7:skipped');
    expect(await harness.sweep(plusDays(late, 1))).toMatchObject({ reminders: 0 });
    for (const cycle of cycles) {
      expect(await harness.outboxRows(`renewal-reminder:${cycle.cycleId}:`)).toBe(1);
      expect(await harness.waitForDelivered(`renewal-reminder:${cycle.cycleId}:`, 1)).toHaveLength(1);
    }
  });

  it('CERT_RENEWAL: a sweep as of the expiry day stores the lapse, once; a replay of an earlier day keeps it', async () => {
    const { bodyId, certifierIds } = await harness.seedBody(2);
    const cycles = await harness.seedCertifications(bodyId, ['2043-03-01', '2043-03-02']);
    await harness.sweep('2043-02-28'); // lapses the cycles of the tests before, not these
    expect(await harness.sweep('2043-03-01')).toMatchObject({ lapses: 1, lapseNotices: 2 });
    expect(await harness.sweep('2043-03-01')).toMatchObject({ lapses: 0, lapseNotices: 0 });
    const notices = await harness.waitForDelivered(`lapse-notice:${cycles[0]!.cycleId}:`, 2);
    expect(notices.map((mail) => mail.to).sort()).toEqual(
      certifierIds.map((id) => `certifier-${id}@example.test`).sort(),
    );
    expect(notices[0]!.subject).toBe('A certification of Sweep Board has lapsed');
    expect(await harness.outboxRows(`lapse-notice:${cycles[0]!.cycleId}:`)).toBe(2);
    const stored = await harness.owner(
      `SELECT id, lapsed_on::text FROM certification_cycles WHERE id = ANY($1::uuid[]) ORDER BY expires_on`,
      [cycles.map((cycle) => cycle.cycleId)],
    );
    expect(stored.map((row) => row.lapsed_on)).toEqual(['2043-03-01', null]);
    await harness.sweep('2043-02-27');
    expect(
      (await harness.owner(`SELECT lapsed_on::text FROM certification_cycles WHERE id = $1`, [cycles[0]!.cycleId]))[0]
        .lapsed_on,
    ).toBe('2043-03-01');
  });

  it('CERT_REMINDERS: two workers sweeping the same day at once claim each reminder once', async () => {
    await harness.spawnWorker();
    const { bodyId } = await harness.seedBody();
    const asOf = '2044-05-01';
    const expiries = Array.from({ length: 600 }, (_, index) => plusDays(asOf, 1 + (index % 89)));
    const cycles = await harness.seedCertifications(bodyId, expiries);
    const jobs = await Promise.all([harness.enqueueSweep(asOf), harness.enqueueSweep(asOf)]);
    const outcomes = await Promise.all(jobs.map((job) => harness.waitFor(job)));
    expect(outcomes[0]!.reminders + outcomes[1]!.reminders).toBe(600);
    const queued = (await harness.claims(cycles)).filter((claim) => claim.endsWith(':queued'));
    expect(queued).toHaveLength(600);
    expect(await harness.outboxRows('renewal-reminder:')).toBe(
      await harness
        .owner(`SELECT count(*)::int AS n FROM renewal_reminders WHERE state = 'queued'`)
        .then((rows) => rows[0].n),
    );
    const delivered = await harness.waitForDelivered(
      'renewal-reminder:',
      await harness.outboxRows('renewal-reminder:'),
    );
    expect(new Set(delivered.map((mail) => mail.messageKey)).size).toBe(delivered.length);
  });

  it('CERT_REMINDERS: cli renewals:sweep --as-of runs the sweep through the worker and prints what it produced', async () => {
    const { bodyId } = await harness.seedBody();
    await harness.seedCertifications(bodyId, ['2046-07-10', '2046-07-20', '2046-06-30']);
    await harness.sweep('2046-01-01'); // lapses the cycles of the tests before; none of these is due yet
    const run = await harness.runCli(['--as-of', '2046-06-30']);
    expect(run.output).toContain(
      'renewals:sweep as of 2046-06-30: 2 reminders, 1 lapses (1 lapse notices to certifiers)',
    );
    expect(run.status).toBe(0);
    const again = await harness.runCli(['--as-of=2046-06-30']);
    expect(again.output).toContain('renewals:sweep as of 2046-06-30: 0 reminders, 0 lapses');
    const bad = await harness.runCli(['--as-of', '2046-02-30']);
    expect(bad).toEqual({
      status: 2,
      output: expect.stringContaining('--as-of must be a calendar date written YYYY-MM-DD'),
    });
  });
});
