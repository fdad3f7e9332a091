// Console text sanitising: colours (SGR) kept, with or without the ESC nova strips; every other control
// sequence and control character removed; plain-text stripping for the full log, filter and copy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plainName, sanitizeConsoleText, splitLines, stripAnsi } from '../../../src/features/console/model/ansi';

const E = '\u001b';

test('SGR colours are kept as escapes', () => {
  assert.equal(sanitizeConsoleText(`${E}[31mred${E}[0m ${E}[1;32mbold green${E}[m`), `${E}[31mred${E}[0m ${E}[1;32mbold green${E}[m`);
  assert.equal(sanitizeConsoleText(`${E}[38;5;208morange${E}[0m`), `${E}[38;5;208morange${E}[0m`);
  assert.equal(sanitizeConsoleText(`\u009b31mC1${E}[0m`), `${E}[31mC1${E}[0m`);
});

test('colours that arrive without ESC (nova strips it) are restored', () => {
  assert.equal(sanitizeConsoleText('<b>bold</b> [31mred[0m'), `<b>bold</b> ${E}[31mred${E}[0m`);
  assert.equal(sanitizeConsoleText('[  [0;32mOK  [0m] Started'), `[  ${E}[0;32mOK  ${E}[0m] Started`);
  assert.equal(sanitizeConsoleText('x[m Y'), `x${E}[m Y`);
});

test('text that only looks like a bracket is left alone', () => {
  for (const s of ['[  OK  ]', '[1]', '[me]', '[K]', '[Kernel]', 'array[2]', '[    0.000000] Linux version', '[A] answer', 'map[m]x', 'x[mY']) {
    assert.equal(sanitizeConsoleText(s), s, s);
  }
});

test('cursor movement, screen clears, titles, hyperlinks and other escapes are removed', () => {
  assert.equal(sanitizeConsoleText(`a${E}[2Jb${E}[Hc${E}[10;20Hd${E}[Ke${E}[?25lf${E}[?1049hg`), 'abcdefg');
  assert.equal(sanitizeConsoleText(`${E}]0;evil title\u0007text`), 'text');
  assert.equal(sanitizeConsoleText(`${E}]8;;http://evil.example/\u001b\\click${E}]8;;${E}\\`), 'click');
  assert.equal(sanitizeConsoleText(`${E}P+q544e${E}\\after`), 'after');
  assert.equal(sanitizeConsoleText(`${E}(Bx${E}7y${E}8z${E}=`), 'xyz');
  assert.equal(sanitizeConsoleText(`${E}[4;31;1x${E}[6n`), '');   // not SGR: other finals go
});

test('bare cursor sequences (ESC stripped by nova) that are unambiguous are removed', () => {
  assert.equal(sanitizeConsoleText('[K[  OK  ] Reached target'), '[  OK  ] Reached target');
  assert.equal(sanitizeConsoleText('[?25lhidden cursor[?25h'), 'hidden cursor');
  assert.equal(sanitizeConsoleText('[2J[1;1Hclear'), 'clear');
  // busybox ash asks where the cursor is (DSR) after each prompt: the devcloud-guest's console log ends so
  assert.equal(sanitizeConsoleText('root@vm-1:/# [6n'), 'root@vm-1:/# ');
});

test('control characters go, TAB and LF stay, CRLF and lone CR become line ends / nothing', () => {
  assert.equal(sanitizeConsoleText('a\u0000b\u0007c\bd\u007fe\u0085f\tg\nh'), 'abcdef\tg\nh');
  assert.equal(sanitizeConsoleText('one\r\ntwo\rthree'), 'one\ntwothree');
  // a stray \u0001 (used internally as a placeholder) is dropped; the bare SGR after it is restored
  assert.equal(sanitizeConsoleText('x\u0001[31my'), `x${E}[31my`);
});

test('bidi overrides (text that reads backwards) are removed', () => {
  assert.equal(sanitizeConsoleText('safe\u202etxt.exe\u202c\u2066x\u2069'), 'safetxt.exex');
});

test('HTML and script tags are kept as text: rendering is the webview\'s job, with textContent', () => {
  const s = '<img src=x onerror="window.__pwned=1"><script>alert(1)</script>';
  assert.equal(sanitizeConsoleText(s), s);
});

test('stripAnsi leaves plain text; plainName flattens a name to one line', () => {
  assert.equal(stripAnsi(`${E}[31mred${E}[0m [32mgreen[0m ${E}[2Jx`), 'red green x');
  assert.equal(plainName(`evil\n${E}[31mname${E}]0;t\u0007\ttab  `), 'evil name tab');
  assert.equal(plainName('x'.repeat(300), 10), `${'x'.repeat(9)}…`);
});

test('splitLines keeps the unterminated last line as the tail', () => {
  assert.deepEqual(splitLines('a\nb\ncirros login: '), { lines: ['a', 'b'], tail: 'cirros login: ' });
  assert.deepEqual(splitLines('a\nb\n'), { lines: ['a', 'b'], tail: '' });
  assert.deepEqual(splitLines(''), { lines: [], tail: '' });
});
