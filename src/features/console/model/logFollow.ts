// Follow mode for the console log: nova only returns "the last N lines", so each poll's lines are lined up with
// the previous ones to find what was appended. Polls back off while nothing changes (1 s, 2 s, 4 s, 8 s, 10 s)
// and return to 1 s on a change. Pure: the fetch and the clock are injected.
import { sanitizeConsoleText, splitLines } from './ansi';

export const FOLLOW_MIN_MS = 1000;
export const FOLLOW_MAX_MS = 10_000;

export function nextDelay(current: number, changed: boolean): number {
  return changed ? FOLLOW_MIN_MS : Math.min(FOLLOW_MAX_MS, Math.max(FOLLOW_MIN_MS, current * 2));
}

export type LogUpdate =
  | { kind: 'unchanged' }
  | { kind: 'append'; lines: string[]; tail: string }
  | { kind: 'replace'; lines: string[]; tail: string };

/**
 * What changed from PREV to NEXT, both "the last N lines" of a growing log: the longest suffix of PREV that is a
 * prefix of NEXT is what they share; NEXT's lines after it are new. No overlap at all (the log was cut or more
 * than N lines came) means replace. The unterminated tail line is compared separately.
 */
export function diffLog(prev: { lines: string[]; tail: string }, next: { lines: string[]; tail: string }): LogUpdate {
  const a = prev.lines;
  const b = next.lines;
  const max = Math.min(a.length, b.length);
  for (let k = max; k >= 0; k--) {
    if (k > 0 && a[a.length - 1] !== b[k - 1]) continue;
    let same = true;
    for (let i = 0; i < k; i++) {
      if (a[a.length - k + i] !== b[i]) { same = false; break; }
    }
    if (!same) continue;
    if (k === 0 && a.length > 0 && b.length > 0) return { kind: 'replace', lines: b, tail: next.tail };
    const added = b.slice(k);
    if (added.length === 0 && next.tail === prev.tail) return { kind: 'unchanged' };
    return { kind: 'append', lines: added, tail: next.tail };
  }
  return { kind: 'replace', lines: b, tail: next.tail };
}

/** Sanitizes nova's text and splits it. */
export function parseConsole(raw: string): { lines: string[]; tail: string } {
  return splitLines(sanitizeConsoleText(raw));
}
