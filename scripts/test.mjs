// `npm test`: every suite, in the order a newcomer's machine needs them. Brings the dev cloud up
// (idempotent), builds, type-checks and lints, runs the node:test suites (unit, client against the
// dev cloud, dev cloud scenario), then the real-VS-Code suites, then packages the .vsix and runs a smoke
// subset of the UI suite against it installed in code-server.
// Steps that are not tests (devcloud, build, typecheck, lint, package) are reported as stages; only test cases
// count as passed. Ends with one "N passed, N failed[, N skipped]" line, where failed also counts each failed
// stage and each suite that crashed before reporting a failed test, so that the line agrees with the exit code.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.env.TEST_ONLY?.split(',');   // e.g. TEST_ONLY=node to run a subset
const tests = { passed: 0, failed: 0, skipped: 0 };
const report = [];
const skippedSuites = [];
let brokenSteps = 0;   // failed stages, and suites that failed without counting a failed test

// The smoke subset of the UI suite run against the installed .vsix: the container and welcome view, the
// commands, the tree on the dev cloud, a console webview (its bundle is in the package), and the README with its
// screenshots on the extension's details page.
const VSIX = 'openstack-explorer.vsix';
const VSIX_SMOKE_FILES = ['test/e2e/console.e2e.mjs', 'test/e2e/package.e2e.mjs'];   // console registers explorer and tree first
const VSIX_SMOKE_GREP = '^(?!tree: a stopped API)(?!console: (?!setup|Open Console \\(inline|clean up))';

function run(cmd, args, env) {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

const seconds = (t0) => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
const selected = (...names) => !only || names.some((name) => only.includes(name));

/** A step that is not a test: it passes or fails the run, and counts no test. NEEDED_BY: suites that need it. */
async function stage(name, cmd, args, neededBy = []) {
  if (!selected(name, ...neededBy)) return;
  const t0 = Date.now();
  console.log(`\n=== stage ${name}: ${cmd} ${args.join(' ')}`);
  const { code } = await run(cmd, args);
  if (code !== 0) brokenSteps += 1;
  report.push(`stage ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds(t0)}`);
}

/** A test suite: its own counts of passed, failed and skipped test cases, or a whole suite it says it skipped. */
async function suite(name, cmd, args, countsFrom, env) {
  if (!selected(name)) return;
  const t0 = Date.now();
  console.log(`\n=== suite ${name}: ${cmd} ${args.join(' ')}`);
  const { code, out } = await run(cmd, args, env);
  const counts = countsFrom(out);
  const skip = /^SKIP\b.*$/m.exec(out);
  if (!counts && code === 0 && skip) {
    skippedSuites.push(name);
    report.push(`suite ${name}: SKIPPED (${skip[0].replace(/^SKIP\s*/, '')})`);
    return;
  }
  if (counts) {
    tests.passed += counts.passed;
    tests.failed += counts.failed;
    tests.skipped += counts.skipped;
  }
  const crashed = code !== 0 && !counts?.failed;   // a runner that died before reporting a failed test
  if (crashed || (!counts && code === 0)) brokenSteps += 1;   // exit 0 without counts is no evidence either
  const what = counts ? `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped` : 'no test counts reported';
  report.push(`suite ${name}: ${what}; exit ${code}${crashed || !counts ? ' (counted as 1 failed)' : ''} in ${seconds(t0)}`);
}

/** node:test's TAP summary; cancelled tests (e.g. after a failed before hook) did not pass, so they count as failed. */
const nodeTestCounts = (out) => {
  const n = (key) => Number(new RegExp(`^# ${key} (\\d+)`, 'm').exec(out)?.[1] ?? NaN);
  const [pass, fail, cancelled, skipped, todo] = ['pass', 'fail', 'cancelled', 'skipped', 'todo'].map(n);
  if (Number.isNaN(pass) || Number.isNaN(fail)) return undefined;
  return { passed: pass, failed: fail + (cancelled || 0), skipped: (skipped || 0) + (todo || 0) };
};
/** The "N passed, N failed[, N skipped]" line that the VS Code runners end with. */
const lineCounts = (out) => {
  const m = [...out.matchAll(/^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/gm)].pop();
  return m ? { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) } : undefined;
};

function testFiles(dir) {
  const abs = join(root, dir);
  try { statSync(abs); } catch { return []; }
  return readdirSync(abs, { recursive: true })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(dir, f))
    .sort();
}

const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
await stage('devcloud', 'bash', ['test/devcloud/devcloud.sh', 'up', '--seed']);
await stage('build', 'npm', ['run', '-s', 'build']);
await stage('typecheck', 'npm', ['run', '-s', 'typecheck']);
await stage('lint', 'npm', ['run', '-s', 'lint']);
const files = ['test/unit', 'test/cloud', 'test/devcloud'].flatMap(testFiles);
await suite('node', process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', ...files], nodeTestCounts);
for (const name of ['test:exthost', 'test:e2e', 'test:e2e:zh-cn', 'test:electron']) {
  if (scripts[name]) await suite(name, 'npm', ['run', '-s', name], lineCounts);
}
rmSync(join(root, VSIX), { force: true });   // so that a failed package leaves no older .vsix to test
const brokenBeforePackage = brokenSteps;
await stage('package', 'npm', ['run', '-s', 'package'], ['vsix-smoke']);
if (brokenSteps === brokenBeforePackage) await suite('vsix-smoke', process.execPath, ['test/e2e/run.mjs', ...VSIX_SMOKE_FILES], lineCounts, { E2E_VSIX: VSIX, E2E_GREP: VSIX_SMOKE_GREP });

const failed = tests.failed + brokenSteps;
const skipped = tests.skipped + skippedSuites.length;
console.log(`\n${report.join('\n')}`);
if (skippedSuites.length) console.log(`skipped suites (each counted as 1 skipped): ${skippedSuites.join(', ')}`);
console.log(`${tests.passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
