// Where a server's CPU went, from a V8 profile written by `node --cpu-prof` (see the
// BENCH_API_NODE_ARGS / BENCH_FLOOR_NODE_ARGS knobs of the records bench). Three tables of self
// time: by package (node_modules/<package>, Haven's own libs, Node's built-in modules, native
// calls, V8's own entries such as the garbage collector); by calling package (native calls and
// Node's built-ins charged to the package that made them, so a socket write counts for pg, ioredis
// or the HTTP answer); and the heaviest functions. Idle time is left out, so the shares add up to
// the CPU the process used; with --cpu-ms-per-request they are turned into milliseconds per
// request. --skip-first-s leaves out the start (module loading, the bench's sign-up); the
// timeline printed first shows where the load began.
//
//   node bench/lib/cpu-profile-summary.mjs <file.cpuprofile> [--top 25] [--skip-first-s 10]
//     [--cpu-ms-per-request 2.2]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: 'string', default: '25' },
    'skip-first-s': { type: 'string', default: '0' },
    'cpu-ms-per-request': { type: 'string' },
  },
});
if (positionals.length !== 1) {
  console.error('usage: node bench/lib/cpu-profile-summary.mjs <file.cpuprofile> [--top N] [--cpu-ms-per-request MS]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
const top = Number(values.top);
const msPerRequest = values['cpu-ms-per-request'] === undefined ? null : Number(values['cpu-ms-per-request']);

/** The package a frame belongs to, from its script URL; V8's and native frames by their name. */
function packageOf({ url, functionName }) {
  if (!url) return functionName.startsWith('(') ? functionName : `native ${functionName || '(anonymous)'}`;
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first, second] = url.slice(modules + '/node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  const haven = /\/dist\/(libs|apps)\/([^/]+)\//.exec(url);
  if (haven) return `haven ${haven[1]}/${haven[2]}`;
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?/, 'node:').split('/')[0];
  return url.split('/').slice(-2).join('/');
}

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

/** The nearest frame, from `id` up, that belongs to a package rather than to Node or V8. */
function callingPackage(id) {
  for (let at = id; at !== undefined; at = parentOf.get(at)) {
    const pkg = packageOf(byId.get(at).callFrame);
    if (!pkg.startsWith('node:') && !pkg.startsWith('native ') && !pkg.startsWith('(')) return pkg;
  }
  return packageOf(byId.get(id).callFrame);
}

const skipMicros = Number(values['skip-first-s']) * 1e6;
const selfMicros = new Map();
const timeline = [];
let elapsed = 0;
// timeDeltas[i] is the time before sample i: charge it to the frame sampled there.
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  elapsed += delta;
  const second = Math.floor(elapsed / 1e6);
  if (byId.get(id).callFrame.functionName !== '(idle)') timeline[second] = (timeline[second] ?? 0) + delta;
  if (elapsed < skipMicros) return;
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
});
console.log(
  `busy share per second since start: ${Array.from(timeline, (micros) => Math.round((micros ?? 0) / 1e4)).join(' ')}\n`,
);

const packages = new Map();
const callers = new Map();
const functions = new Map();
let busy = 0;
for (const [id, micros] of selfMicros) {
  const frame = byId.get(id).callFrame;
  if (frame.functionName === '(idle)') continue;
  busy += micros;
  const pkg = packageOf(frame);
  packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
  const caller = callingPackage(id);
  callers.set(caller, (callers.get(caller) ?? 0) + micros);
  const where = frame.url ? `${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}` : '';
  const name = `${frame.functionName || '(anonymous)'} ${where}`.trim();
  const key = `${pkg} · ${name}`;
  functions.set(key, (functions.get(key) ?? 0) + micros);
}

const share = (micros) => (micros / busy) * 100;
const row = (name, micros) =>
  `| ${name} | ${share(micros).toFixed(1)} % | ${msPerRequest === null ? '-' : ((share(micros) / 100) * msPerRequest).toFixed(3)} |`;
const ranked = (map) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);

console.log(
  `${positionals[0]}: ${(busy / 1e6).toFixed(1)} s of CPU sampled (idle and the first ${values['skip-first-s']} s left out)\n`,
);
console.log('| Package | share of CPU | ms / request |\n|---|---:|---:|');
for (const [name, micros] of ranked(packages)) console.log(row(name, micros));
console.log('\n| Calling package | share of CPU | ms / request |\n|---|---:|---:|');
for (const [name, micros] of ranked(callers)) console.log(row(name, micros));
console.log('\n| Function (self time) | share of CPU | ms / request |\n|---|---:|---:|');
for (const [name, micros] of ranked(functions)) console.log(row(name, micros));
