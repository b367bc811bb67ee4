// Builds dist/ when it is missing or older than any source file, so `npm start` and the CLI
// always run what is checked out: the server with tsc, the signing page (apps/web) with Vite.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StartError } from './start-error.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const marker = join(root, 'dist', '.built');
const webSources = join(root, 'apps', 'web');
const webPage = join(root, 'dist', 'web', 'index.html');

function newestSource(dir, pattern = /\.(ts|mjs)$/, skip = new Set()) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (skip.has(path)) continue;
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path, pattern, skip));
    else if (pattern.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function ensureServerBuilt() {
  const skip = new Set([webSources]);
  const sources = Math.max(
    ...['apps', 'libs', 'migrations'].map((dir) => newestSource(join(root, dir), undefined, skip)),
  );
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

/** Builds the signing page into dist/web when it is missing or older than apps/web. */
export function ensureWebBuilt() {
  const sources = newestSource(webSources, /\.(ts|tsx|css|html)$/);
  if (existsSync(webPage) && statSync(webPage).mtimeMs >= sources) return;
  console.log('haven: building the signing page (vite)...');
  const started = Date.now();
  try {
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'apps/web/vite.config.ts',
        '--logLevel',
        'warn',
      ],
      // Always React's production build: under Jest NODE_ENV is `test`, which Vite would pass on,
      // and React's development build runs every effect twice (two opens of a link per visit).
      { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
    );
  } catch {
    throw new StartError('the signing page build (vite) failed; it said why above. Fix apps/web and start again.');
  }
  console.log(`haven: signing page built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export function ensureBuilt() {
  ensureServerBuilt();
  ensureWebBuilt();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    ensureBuilt();
  } catch (error) {
    console.error(`haven: ${error.message}`);
    process.exit(1);
  }
}
