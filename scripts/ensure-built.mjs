// Builds dist/ when it is missing or older than any source file, so `npm start` and the CLI
// always run what is checked out.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StartError } from './start-error.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const marker = join(root, 'dist', '.built');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|mjs)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export function ensureBuilt() {
  const sources = Math.max(...['apps', 'libs', 'migrations'].map((dir) => newestSource(join(root, dir))));
  if (existsSync(marker) && statSync(marker).mtimeMs >= sources) return;
  console.log('haven: building (tsc)...');
  const started = Date.now();
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: root,
      stdio: 'inherit',
    });
  } catch {
    throw new StartError('the TypeScript build failed (the compiler said why above); fix the code and start again.');
  }
  writeFileSync(marker, '');
  console.log(`haven: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    ensureBuilt();
  } catch (error) {
    console.error(`haven: ${error.message}`);
    process.exit(1);
  }
}
