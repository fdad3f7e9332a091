// What the Diagnose tab shows: a diagnosis reduced to plain data the webview renders as text (the protocol
// carries it), with how long it took and how many requests it made. Pure: no vscode import.
// (Not importing diagnose.ts: the console protocol imports this file, and the snapshot imports the protocol.)
import type { Check, CheckId } from './checklist';
import type { Fix } from './fixes';

export interface FixView {
  title: string;
  /** The equivalent openstack CLI. */
  cli: string;
}

/** A check as the page gets it: its fix reduced to what a button shows. */
export type CheckView = Omit<Check, 'fix'> & { fix?: FixView };

export interface DiagnosisView {
  running: boolean;
  verdict?: { sentence: string; checkId?: CheckId; fix?: FixView };
  checks: CheckView[];
  /** From the click to the verdict. */
  ms?: number;
  requests?: number;
  /** Why the diagnosis could not run (the instance is gone, the cloud refused, …). */
  error?: string;
  /** What the copied CLI lines need to run (cliNote). */
  cliNote?: string;
}

const fixView = (fix: Fix | undefined): FixView | undefined => fix && { title: fix.title, cli: fix.cli };

export function diagnosisView(d: { checks: Check[]; verdict: { sentence: string; checkId?: CheckId; fix?: Fix } }, ms: number, requests: number, cliNote?: string): DiagnosisView {
  return {
    running: false,
    verdict: { sentence: d.verdict.sentence, checkId: d.verdict.checkId, fix: fixView(d.verdict.fix) },
    checks: d.checks.map((c) => ({ id: c.id, title: c.title, status: c.status, summary: c.summary, evidence: c.evidence, cli: c.cli, fix: fixView(c.fix) })),
    ms, requests, cliNote,
  };
}
