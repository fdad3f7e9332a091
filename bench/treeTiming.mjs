// Timing a tree expand in the workbench for the tree benches: clicks and the rows they bring, on the page's own
// clock (rowsShown), and the floor: the same clicks again on rows already loaded, which the extension answers from
// memory, so that what is left is the workbench's own work.
import { rowsShown } from '../test/e2e/lib.mjs';
import { exchangesBetween, extensionLog } from './extensionLog.mjs';

/** Clicks the rows LABELS at once; the ms until rows matching PATTERNS are in the page (ABSENT: none is). */
export async function clicksToRows(page, labels, patterns, { absent = false } = {}) {
  return Math.round(await rowsShown(page, patterns, { absent, clicks: labels }));
}

/**
 * LABELS collapsed, then clicked again: { ms, requests } of that second expand (requests made meanwhile in the
 * extension's log under RUNDIR: 0, or it measured more than the floor).
 */
export async function floorOf(page, runDir, labels, patterns) {
  await clicksToRows(page, labels, patterns, { absent: true });
  await page.waitForTimeout(1000);
  const t0 = Date.now();
  const ms = await clicksToRows(page, labels, patterns);
  return { ms, requests: exchangesBetween(extensionLog(runDir), t0, Date.now()).length };
}
