import { DataSource } from 'typeorm';
import { AuditEventEntity, AuditService } from '#haven/audit';
import type { HavenConfig } from '#haven/platform';

/** Recomputes the audit hash chain; exits non-zero and names the first broken event if it does not hold. */
export async function auditVerifyCommand(config: HavenConfig): Promise<number> {
  const dataSource = new DataSource({ type: 'postgres', url: config.database.appUrl, entities: [AuditEventEntity] });
  await dataSource.initialize();
  try {
    const result = await new AuditService().verifyChain(dataSource.manager, 1000, (checked) =>
      process.stderr.write(`\raudit:verify: ${checked} events checked`),
    );
    process.stderr.write('\n');
    if (result.intact) {
      console.log(`audit:verify: chain intact, ${result.events} events`);
      return 0;
    }
    console.log(
      `audit:verify: chain BROKEN at event seq=${result.brokenAt.seq} id=${result.brokenAt.id}: ${result.brokenAt.reason} ` +
        `(${result.events} events before it are intact)`,
    );
    return 1;
  } finally {
    await dataSource.destroy();
  }
}
