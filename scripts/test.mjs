// `npm test`: type-check, then every Jest suite (unit, integration on real Postgres and Redis,
// end-to-end over HTTP) in two phases: everything in parallel, then the suites under test/timing/
// alone (--runInBand), because they measure event-loop delay and another suite running beside
// them on a 2-core machine measures the neighbour, not Haven.
// Extra arguments go to Jest, e.g. `npm test -- test/identity` runs only the suites whose path matches;
// a path that matches no suite fails the run.
// Writes test-results/jest*.json and ends with the line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureWebBuilt } from './ensure-built.mjs';

const root = new URL('..', import.meta.url).pathname;
const jestArgs = process.argv.slice(2);
const namesSuites = jestArgs.some((arg) => !arg.startsWith('-'));
// Jest's --testPathIgnorePatterns takes a list, so it goes after the caller's arguments: placed
// before them it swallowed `npm test -- libs/ethics` as one more path to ignore.
const phases = namesSuites
  ? // Named suites run as one phase; in band when a timing suite is among them.
    [{ name: 'selected', args: [...jestArgs, ...(jestArgs.some((a) => a.includes('timing')) ? ['--runInBand'] : [])] }]
  : [
      { name: 'parallel', args: [...jestArgs, '--testPathIgnorePatterns', '/test/timing/'] },
      { name: 'timing', args: [...jestArgs, '--runInBand', 'test/timing/'] },
    ];

console.log('haven test: type-checking (tsc --noEmit)...');
// The server and tests, then the signing page (apps/web has its own tsconfig: DOM and JSX).
const typecheckFailed = ['tsconfig.json', 'apps/web/tsconfig.json'].some(
  (project) =>
    spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project, '--noEmit'], {
      cwd: root,
      stdio: 'inherit',
    }).status !== 0,
);

// The browser suite (test/browser) and GET /r serve the built signing page: build it once, here,
// before suites run in parallel (Vite empties dist/web first; two builds at once would race).
let webBuildFailed = false;
try {
  ensureWebBuilt();
} catch (error) {
  console.log(`haven test: ${error.message}`);
  webBuildFailed = true;
}

mkdirSync(join(root, 'test-results'), { recursive: true });
let passed = 0;
let failed = (typecheckFailed ? 1 : 0) + (webBuildFailed ? 1 : 0);
for (const phase of phases) {
  const results = join(root, 'test-results', `jest-${phase.name}.json`);
  rmSync(results, { force: true });
  console.log(`haven test: running Jest suites (${phase.name})...`);
  spawnSync(
    process.execPath,
    [join(root, 'node_modules/jest/bin/jest.js'), '--json', `--outputFile=${results}`, ...phase.args],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        NODE_OPTIONS:
          `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim(),
      },
    },
  );
  if (!existsSync(results)) {
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(results, 'utf8'));
  if (report.numTotalTestSuites === 0) {
    // A typo in a path must not look like a green run.
    console.log(`haven test: no suite matches ${jestArgs.join(' ') || 'the default paths'} (counted as one failure)`);
    failed += 1;
  }
  passed += report.numPassedTests;
  // A suite that cannot even load counts as a failure.
  failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
}
if (typecheckFailed) console.log('haven test: the type-check failed (counted as one failure)');
if (webBuildFailed) console.log('haven test: the signing page build failed (counted as one failure)');
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
