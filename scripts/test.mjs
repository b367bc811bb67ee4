// `npm test`: type-check, then every Jest suite (unit, integration on real Postgres and Redis,
// end-to-end over HTTP). Extra arguments go to Jest, e.g. `npm test -- test/identity`.
// Writes test-results/jest.json and ends with the line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, 'test-results', 'jest.json');
const jestArgs = process.argv.slice(2);

console.log('haven test: type-checking (tsc --noEmit)...');
const typecheck = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'], {
  cwd: root,
  stdio: 'inherit',
});
const typecheckFailed = typecheck.status !== 0;

mkdirSync(join(root, 'test-results'), { recursive: true });
rmSync(results, { force: true });
console.log('haven test: running Jest suites...');
spawnSync(
  process.execPath,
  [join(root, 'node_modules/jest/bin/jest.js'), '--json', `--outputFile=${results}`, ...jestArgs],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim() },
  },
);

let passed = 0;
let failed = typecheckFailed ? 1 : 0;
if (existsSync(results)) {
  const report = JSON.parse(readFileSync(results, 'utf8'));
  passed = report.numPassedTests;
  // A suite that cannot even load counts as a failure, as does a failed type-check.
  failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
} else {
  failed += 1;
}
if (typecheckFailed) console.log('haven test: the type-check failed (counted as one failure)');
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
