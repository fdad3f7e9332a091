// Follow mode: what was appended between two "last N lines" fetches, and the polling backoff.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffLog, FOLLOW_MAX_MS, FOLLOW_MIN_MS, nextDelay, parseConsole } from '../../../src/features/console/model/logFollow';

const log = (lines: string[], tail = '') => ({ lines, tail });
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => `line ${a + i}`);

test('unchanged, appended, window moved on, cut', () => {
  assert.deepEqual(diffLog(log(['a', 'b']), log(['a', 'b'])), { kind: 'unchanged' });
  assert.deepEqual(diffLog(log(['a', 'b']), log(['a', 'b', 'c'])), { kind: 'append', lines: ['c'], tail: '' });
  // "last 5 lines": the window slid by two lines
  assert.deepEqual(diffLog(log(range(1, 5)), log(range(3, 7))), { kind: 'append', lines: ['line 6', 'line 7'], tail: '' });
  // more than N new lines: no overlap, replace
  assert.deepEqual(diffLog(log(range(1, 5)), log(range(11, 15))), { kind: 'replace', lines: range(11, 15), tail: '' });
  assert.deepEqual(diffLog(log([]), log(['a'])), { kind: 'append', lines: ['a'], tail: '' });
});

test('repeated lines line up on the longest overlap', () => {
  assert.deepEqual(diffLog(log(['x', 'x', 'x']), log(['x', 'x', 'x', 'y'])), { kind: 'append', lines: ['y'], tail: '' });
  assert.deepEqual(diffLog(log(['a', 'x']), log(['x', 'x'])), { kind: 'append', lines: ['x'], tail: '' });
});

test('the unterminated tail (a prompt) is replaced, and completed into a line', () => {
  assert.deepEqual(diffLog(log(['boot'], 'login: '), log(['boot'], 'login: ')), { kind: 'unchanged' });
  assert.deepEqual(diffLog(log(['boot'], 'login: '), log(['boot', 'login: root'], '$ ')), { kind: 'append', lines: ['login: root'], tail: '$ ' });
  assert.deepEqual(diffLog(log(['boot'], ''), log(['boot'], 'login: ')), { kind: 'append', lines: [], tail: 'login: ' });
});

test('backoff: 1 s, doubling to 10 s while unchanged, back to 1 s on a change', () => {
  const seen: number[] = [];
  let d = FOLLOW_MIN_MS;
  for (let i = 0; i < 6; i++) { d = nextDelay(d, false); seen.push(d); }
  assert.deepEqual(seen, [2000, 4000, 8000, 10000, 10000, 10000]);
  assert.equal(nextDelay(FOLLOW_MAX_MS, true), 1000);
});

test('parseConsole sanitizes and splits (nova\'s ESC-less colours restored)', () => {
  assert.deepEqual(parseConsole('a [31mred[0m\r\nlogin: '), { lines: ['a \u001b[31mred\u001b[0m'], tail: 'login: ' });
});
