// `npm run bench`: runs every bench/*.bench.mjs in turn, each in its own Node process, or only
// the one named: `npm run bench -- identity` (or `identity.bench.mjs`). Results land in
// bench/results/ (gitignored). Exits non-zero when any bench failed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('.', import.meta.url).pathname;
const all = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.mjs'))
  .sort();

const wanted = process.argv[2];
const chosen = wanted ? all.filter((name) => name === wanted || name === `${wanted}.bench.mjs`) : all;
if (chosen.length === 0) {
  console.error(
    wanted
      ? `No bench named "${wanted}". Available: ${all.map((n) => n.replace('.bench.mjs', '')).join(', ')}`
      : 'No bench/*.bench.mjs found.',
  );
  process.exit(2);
}

const outcomes = [];
for (const name of chosen) {
  console.log(`\n=== bench: ${name} ===`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(dir, name), ...process.argv.slice(3)], { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = run.status === 0;
  outcomes.push({ name, ok, seconds, status: run.status ?? run.signal });
}

console.log('\n=== bench summary ===');
for (const { name, ok, seconds, status } of outcomes) {
  console.log(`${ok ? 'ok    ' : 'FAILED'} ${name} (${seconds} s${ok ? '' : `, exit ${status}`})`);
}
process.exitCode = outcomes.every((o) => o.ok) ? 0 : 1;
