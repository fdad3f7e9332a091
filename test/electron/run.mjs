// Runs the same extension-host suite as test/exthost/run.mjs, in a desktop VS Code through @vscode/test-electron.
// test-electron downloads VS Code from update.code.visualstudio.com (or reuses .vscode-test/). This machine's rule is
// that tests send nothing off 127.0.0.0/8, so the download is only tried when asked for (VSCODE_DOWNLOAD=1, e.g. on a
// developer's desktop); otherwise, with no installed VS Code and nothing cached, this prints a SKIP line and exits 0 —
// test:exthost runs the same suite in code-server.
//
//   node test/electron/run.mjs                         (npm run test:electron)
//   VSCODE_DOWNLOAD=1 node test/electron/run.mjs        # let test-electron download VS Code
//   VSCODE_EXECUTABLE=/usr/share/code/code node test/electron/run.mjs   # use an installed VS Code, no download
// On Linux without a display run it under `xvfb-run -a`.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, build } from '../../scripts/codeserver/server.mjs';
import { printSummary } from '../exthost/summary.mjs';

const VERSION = process.env.VSCODE_VERSION || '1.100.3'; // the engines.vscode floor, same as code-server 4.100.3

const executable = process.env.VSCODE_EXECUTABLE;
const cacheDir = join(ROOT, '.vscode-test');
const cached = existsSync(cacheDir) && readdirSync(cacheDir).some(d => d.startsWith('vscode-') && existsSync(join(cacheDir, d, 'is-complete')));
if (!executable && !cached && process.env.VSCODE_DOWNLOAD !== '1') {
  console.log('SKIP @vscode/test-electron: no desktop VS Code here (set VSCODE_EXECUTABLE, or VSCODE_DOWNLOAD=1 where downloading it is allowed); the same suite runs in code-server with npm run test:exthost');
  process.exit(0);
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
