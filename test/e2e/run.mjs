// Runs the Playwright UI tests (test/e2e/*.e2e.mjs) against a real VS Code workbench (code-server):
// install if missing -> build -> start code-server -> open the workbench once with this repo loaded as the
// development extension -> run the registered tests in order on that page -> check no request left 127.0.0.1.
//
//   node test/e2e/run.mjs [file.e2e.mjs ...]       (npm run test:e2e)
//   E2E_VSIX=openstack-explorer.vsix node test/e2e/run.mjs   # test the packaged .vsix instead (installed first)
//   E2E_GREP='^tree: ' node test/e2e/run.mjs          # only the registered tests whose name matches
//   E2E_LOCALE=zh-cn node test/e2e/run.mjs test/e2e/zh-cn/zh-cn.e2e.mjs   # VS Code's display language (npm run test:e2e:zh-cn)
// Screenshots: test-results/screenshots/. Ends with "N passed, N failed"; exits 1 on any failure.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ROOT, build, ensureInstalled, startCodeServer } from '../../scripts/codeserver/server.mjs';
import { E2E_CLOUDS_YAML, assertNoExternalRequests, launchBrowser, openWorkbench, registeredTests, selected, shot, workbenchUrl } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const files = process.argv.length > 2
  ? process.argv.slice(2).map(f => resolve(f))
  : readdirSync(here).filter(f => f.endsWith('.e2e.mjs')).sort().map(f => join(here, f));
const vsix = process.env.E2E_VSIX && resolve(process.env.E2E_VSIX);
const locale = process.env.E2E_LOCALE;

const t0 = Date.now();
const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
ensureInstalled();
if (!vsix) build();
// The extension reads OS_CLIENT_CONFIG_FILE: absent at first (the welcome view), written by tree.e2e.mjs.
rmSync(E2E_CLOUDS_YAML, { force: true });
mkdirSync(dirname(E2E_CLOUDS_YAML), { recursive: true });
const server = await startCodeServer({ installVsix: vsix, locale, env: { OS_CLIENT_CONFIG_FILE: E2E_CLOUDS_YAML, OS_CLOUD: 'devcloud' } });
const browser = await launchBrowser();
const { page } = browser;
let passed = 0;
let failed = 0;
try {
  for (const f of files) await import(pathToFileURL(f).href);
  const url = workbenchUrl(server.url, server.workspace, vsix ? {} : { extensionDevelopmentPath: ROOT });
  await openWorkbench(page, url);
  console.log(`[${secs()}] workbench ready (${vsix ? `installed ${vsix}` : 'development extension'}${locale ? `, display language ${locale}` : ''})`);
  const tests = [...registeredTests().filter(t => selected(t.name)), { name: 'no request left 127.0.0.1', fn: () => assertNoExternalRequests(browser.network) }];
  for (const { name, fn } of tests) {
    const start = Date.now();
    try {
      await fn({ page, csUrl: server.url, workspace: server.workspace, shot: n => shot(page, n) });
      passed++;
      console.log(`  ✔ ${name} (${Date.now() - start} ms)`);
    } catch (err) {
      failed++;
      console.log(`  ✘ ${name}\n    ${String(err?.stack ?? err).split('\n').slice(0, 6).join('\n    ')}`);
      console.log(`    screenshot: ${await shot(page, `FAILED-${name}`).catch(() => 'none')}`);
    }
  }
} catch (err) {
  failed++;
  console.log(`✘ setup failed: ${err?.stack ?? err}`);
  console.log(`  screenshot: ${await shot(page, 'FAILED-setup').catch(() => 'none')}; server log: ${server.runDir}/code-server.log`);
} finally {
  await browser.close();
  server.stop();
}
console.log(`e2e: ${browser.network.requests} requests, ${browser.network.external.length} non-loopback (all via the webview service worker); wall ${secs()}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
