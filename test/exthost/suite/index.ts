// Mocha entry loaded by VS Code's extension host through `extensionTestsPath`; it must export run().
// It runs every *.test.js next to it (bundled by scripts/build.mjs into dist/test/exthost/) and writes a JSON summary
// that test/exthost/run.mjs prints. The summary goes to $OPENSTACK_EXTHOST_RESULTS (set by the runner on code-server's
// environment, which the extension host inherits), else to test-results/exthost.json in the repo.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface TestResult { title: string; state: 'passed' | 'failed' | 'pending'; ms?: number; error?: string }
export interface Summary { vscode: string; node: string; passed: number; failed: number; pending: number; results: TestResult[] }

export function run(): Promise<void> {
  const resultsFile = process.env.OPENSTACK_EXTHOST_RESULTS || path.resolve(__dirname, '../../../test-results/exthost.json');
  const grep = process.env.OPENSTACK_EXTHOST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  const results: TestResult[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run(failures => {
      // vscode is only resolvable inside the extension host, so load it lazily here.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const vscodeVersion = (require('vscode') as typeof import('vscode')).version;
      const count = (s: TestResult['state']) => results.filter(r => r.state === s).length;
      const summary: Summary = { vscode: vscodeVersion, node: process.version, passed: count('passed'), failed: failures, pending: count('pending'), results };
      fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
      fs.writeFileSync(resultsFile, JSON.stringify(summary, null, 2));
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
    runner.on('pass', t => results.push({ title: t.fullTitle(), state: 'passed', ms: t.duration }));
    runner.on('pending', t => results.push({ title: t.fullTitle(), state: 'pending' }));
    runner.on('fail', (t, err: unknown) => results.push({ title: t.fullTitle(), state: 'failed', error: err instanceof Error ? err.stack ?? err.message : String(err) }));
  });
}
