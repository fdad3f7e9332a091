/* global document -- used in code that Playwright runs inside the page */
// Runs the Mocha suite (test/exthost/suite, bundled to dist/test/exthost/) INSIDE code-server's Node extension host:
// the web workbench's `payload` URL parameter carries extensionDevelopmentPath (this repo) and extensionTestsPath
// (dist/test/exthost/index.js), the same mechanism @vscode/test-web uses. When the suite's run() settles, the
// extension host reports its exit code and the workbench calls window.codeAutomationExit(code), which we expose.
//
//   node test/exthost/run.mjs            (npm run test:exthost)
//   OPENSTACK_EXTHOST_GREP=refresh node test/exthost/run.mjs
// The caller's environment (OS_CLOUD, OS_CLIENT_CONFIG_FILE, …) reaches the extension host through code-server.
// Ends with "N passed, N failed"; exits 1 on failure. Screenshot: test-results/screenshots/exthost-workbench.png.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, build, ensureInstalled, startCodeServer } from '../../scripts/codeserver/server.mjs';
import { SHOT_DIR, launchBrowser, workbenchUrl } from '../e2e/lib.mjs';
import { printSummary } from './summary.mjs';

const TIMEOUT_MS = Number(process.env.EXTHOST_TIMEOUT_MS || 900_000);   // Mocha's own timeouts fail tests sooner
const resultsFile = join(ROOT, 'test-results', `exthost-${process.pid}.json`);   // one per run: runs may overlap
// The workbench's notification toasts, for tests that check no error was shown (the extension host cannot see them).
const toastsFile = join(ROOT, 'test-results', `exthost-toasts-${process.pid}.json`);
const t0 = Date.now();

// the extension host reads the dev cloud's clouds.yaml, as `npm start` does
const devcloud = spawnSync('bash', [join(ROOT, 'test/devcloud/devcloud.sh'), 'up', '--seed'], { stdio: 'inherit' });
if (devcloud.status !== 0) process.exit(1);
const devcloudState = process.env.DEVCLOUD_STATE ?? '/var/lib/openstack-explorer-devcloud';
ensureInstalled();
build();
rmSync(resultsFile, { force: true });
mkdirSync(join(ROOT, 'test-results'), { recursive: true });
writeFileSync(toastsFile, '[]');
const server = await startCodeServer({
  env: {
    OPENSTACK_EXTHOST_RESULTS: resultsFile, OPENSTACK_EXTHOST_TOASTS: toastsFile, OPENSTACK_EXTHOST_ENV_PROBE: 'inherited',
    OS_CLIENT_CONFIG_FILE: join(devcloudState, 'clouds.yaml'), OS_CLOUD: 'devcloud',
  },
});
const browser = await launchBrowser();
const { page } = browser;
const hostLog = []; // the extension host forwards its console (Mocha's spec output) to the page console
page.on('console', m => hostLog.push(m.text()));

/** Appends each new toast ({ severity, message }) to toastsFile; a toast is read once (marked in the DOM). */
const toasts = [];
async function recordToasts() {
  const fresh = await page.evaluate(() => [...document.querySelectorAll('.notification-toast .notification-list-item')]
    .filter((el) => !el.hasAttribute('data-openstack-seen'))
    .map((el) => {
      el.setAttribute('data-openstack-seen', '');
      const severity = el.querySelector('.codicon-error') ? 'error' : el.querySelector('.codicon-warning') ? 'warning' : 'info';
      return { severity, message: el.querySelector('.notification-list-item-message')?.textContent ?? '' };
    })).catch(() => []);
  if (fresh.length === 0) return;
  toasts.push(...fresh);
  writeFileSync(toastsFile, JSON.stringify(toasts, null, 1));
}
const toastTimer = setInterval(() => void recordToasts(), 200);

let exit;
try {
  let resolveExit;
  const done = new Promise(resolve => { resolveExit = resolve; });
  await page.exposeFunction('codeAutomationExit', code => resolveExit(code));
  const url = workbenchUrl(server.url, server.workspace, {
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'dist/test/exthost/index.js'),
  });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  exit = await Promise.race([done, new Promise(resolve => setTimeout(() => resolve('timeout'), TIMEOUT_MS))]);
  mkdirSync(SHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SHOT_DIR, 'exthost-workbench.png') }).catch(() => {});
} finally {
  clearInterval(toastTimer);
  await browser.close();
  server.stop();
}

const { found, passed, failed, closing } = printSummary(resultsFile, 'code-server');
if (!found) {
  console.log('extension host console (last lines):');
  for (const line of hostLog.slice(-40)) console.log(`  | ${line}`);
}
if (exit !== 0) console.log(`server log: ${server.runDir}/code-server.log`);
console.log(`extension host exit code: ${exit}; wall ${((Date.now() - t0) / 1000).toFixed(1)}s`);
console.log(closing);
process.exit(exit === 0 && failed === 0 && passed > 0 ? 0 : 1);
