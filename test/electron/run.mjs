// Runs the same extension-host suite as test/exthost/run.mjs, in a desktop VS Code through @vscode/test-electron.
// test-electron downloads VS Code from update.code.visualstudio.com (or reuses .vscode-test/). Where that host is
// unreachable and nothing is cached (as on the project's machines: only npm and Debian apt are reachable), this
// prints a SKIP line and exits 0 after a short probe instead of hanging; test:exthost covers the suite there.
//
//   node test/electron/run.mjs                         (npm run test:electron)
//   VSCODE_EXECUTABLE=/usr/share/code/code node test/electron/run.mjs   # use an installed VS Code, no download
// On Linux without a display run it under `xvfb-run -a`.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { ROOT, build } from '../../scripts/codeserver/server.mjs';
import { printSummary } from '../exthost/summary.mjs';

const UPDATE_HOST = 'update.code.visualstudio.com';
const VERSION = process.env.VSCODE_VERSION || '1.100.3'; // the engines.vscode floor, same as code-server 4.100.3

/** Resolves to undefined when the update service answers within `ms`, else to the reason it does not. */
function probe(ms = 4000) {
  return new Promise(resolve => {
    const req = request({ host: UPDATE_HOST, path: '/api/releases/stable', method: 'HEAD', timeout: ms }, res => {
      res.resume();
      resolve(res.statusCode && res.statusCode < 500 ? undefined : `HTTP ${res.statusCode}`);
    });
    req.on('timeout', () => { req.destroy(); resolve(`no answer within ${ms} ms`); });
    req.on('error', err => resolve(err.code || err.message));
    req.end();
  });
}

const executable = process.env.VSCODE_EXECUTABLE;
const cacheDir = join(ROOT, '.vscode-test');
const cached = existsSync(cacheDir) && readdirSync(cacheDir).some(d => d.startsWith('vscode-') && existsSync(join(cacheDir, d, 'is-complete')));
if (!executable && !cached) {
  const reason = await probe();
  if (reason) {
    console.log(`SKIP @vscode/test-electron: cannot download VS Code here (${UPDATE_HOST} unreachable: ${reason}); the same suite runs in code-server with npm run test:exthost`);
    process.exit(0);
  }
}

build();
const { runTests } = await import('@vscode/test-electron');
const resultsFile = join(ROOT, 'test-results', 'exthost-electron.json');
rmSync(resultsFile, { force: true });
let code = 0;
try {
  await runTests({
    ...(executable ? { vscodeExecutablePath: executable } : { version: VERSION }),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'dist/test/exthost/index.js'),
    extensionTestsEnv: { OPENSTACK_EXTHOST_RESULTS: resultsFile, OPENSTACK_EXTHOST_ENV_PROBE: 'inherited' },
    launchArgs: ['--disable-extensions', '--skip-welcome', '--skip-release-notes'],
  });
} catch (err) {
  console.log(`test-electron: ${err?.message ?? err}`);
  code = 1;
}
const { passed, failed, closing } = printSummary(resultsFile, 'desktop, @vscode/test-electron');
console.log(closing);
process.exit(code === 0 && failed === 0 && passed > 0 ? 0 : 1);
