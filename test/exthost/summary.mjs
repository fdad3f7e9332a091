// Prints the JSON summary written by the suite's run() (test/exthost/suite/index.ts) and returns the counts.
import { existsSync, readFileSync } from 'node:fs';

/** Prints each test and the closing "N passed, N failed" line; returns { passed, failed } (failed >= 1 if no file). */
export function printSummary(resultsFile, where) {
  const summary = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined;
  if (summary) {
    console.log(`Mocha in the extension host of VS Code ${summary.vscode} (${where}), Node ${summary.node}:`);
    for (const r of summary.results) {
      console.log(`  ${{ passed: '✔', failed: '✘', pending: '-' }[r.state]} ${r.title}${r.ms !== undefined ? ` (${r.ms} ms)` : ''}`);
      if (r.error) console.log(`    ${r.error.split('\n').slice(0, 6).join('\n    ')}`);
    }
  } else {
    console.log(`no results were written to ${resultsFile}`);
  }
  const passed = summary?.passed ?? 0;
  const failed = summary ? summary.failed : 1;
  return { found: !!summary, passed, failed, closing: `${passed} passed, ${failed} failed${summary?.pending ? `, ${summary.pending} skipped` : ''}` };
}
