// `npm test`: every suite, in the order a newcomer's machine needs them. Brings the dev cloud up
// (idempotent), builds, type-checks and lints, runs the node:test suites (unit, client against the
// dev cloud, dev cloud scenario), then the real-VS-Code suites. Ends with one "N passed, N failed" line.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.env.TEST_ONLY?.split(',');   // e.g. TEST_ONLY=node to run a subset
let passed = 0;
let failed = 0;
const stages = [];

function run(cmd, args) {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

async function stage(name, cmd, args, countsFrom) {
  if (only && !only.includes(name)) return;
  const t0 = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const { code, out } = await run(cmd, args);
  const counts = countsFrom?.(out);
  if (counts) { passed += counts.pass; failed += counts.fail; }
  else if (code === 0) passed += 1;
  else failed += 1;
  if (code !== 0 && counts && counts.fail === 0) failed += 1;   // a runner that crashed before reporting
  stages.push(`${name} ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

const nodeTestCounts = (out) => {
  const pass = out.match(/^# pass (\d+)/m);
  const fail = out.match(/^# fail (\d+)/m);
  return pass && fail ? { pass: Number(pass[1]), fail: Number(fail[1]) } : undefined;
};
const lineCounts = (out) => {
  const m = [...out.matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
  return m ? { pass: Number(m[1]), fail: Number(m[2]) } : undefined;
};

function testFiles(dir) {
  const abs = join(root, dir);
  try { statSync(abs); } catch { return []; }
  return readdirSync(abs, { recursive: true })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(dir, f))
    .sort();
}

const scripts = JSON.parse((await import('node:fs')).readFileSync(join(root, 'package.json'), 'utf8')).scripts;
await stage('devcloud', 'bash', ['test/devcloud/devcloud.sh', 'up', '--seed']);
await stage('build', 'npm', ['run', '-s', 'build']);
await stage('typecheck', 'npm', ['run', '-s', 'typecheck']);
await stage('lint', 'npm', ['run', '-s', 'lint']);
const files = ['test/unit', 'test/cloud', 'test/devcloud'].flatMap(testFiles);
await stage('node', process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', ...files], nodeTestCounts);
for (const name of ['test:exthost', 'test:e2e', 'test:electron']) {
  if (scripts[name]) await stage(name, 'npm', ['run', '-s', name], lineCounts);
}

console.log(`\n${stages.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
