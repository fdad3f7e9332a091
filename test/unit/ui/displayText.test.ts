import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileNameOf, iconSafeText, plainText, safePickItems } from '../../../src/core/displayText';

test('bidi controls are shown as their escapes, so a spoofed name reads in stored order', () => {
  assert.equal(plainText('x-\u202Egnp.exe'), 'x-\\u202Egnp.exe');
  const every = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C';
  assert.equal(plainText(every), '\\u202A\\u202B\\u202C\\u202D\\u202E\\u2066\\u2067\\u2068\\u2069\\u200E\\u200F\\u061C');
  assert.equal(plainText('实例-1 שלום'), '实例-1 שלום', 'letters of any script stay as they are');
});

test('icon syntax is escaped in what renders icons; text that is no icon keeps its $', () => {
  assert.equal(iconSafeText('$(alert) net'), '\\$(alert) net');
  assert.equal(iconSafeText('a $(sync~spin) b $(x-1)'), 'a \\$(sync~spin) b \\$(x-1)');
  assert.equal(iconSafeText('\\$(alert)'), '\\\\$(alert)', 'a backslash of the name itself stays visible');
  assert.equal(iconSafeText('$(touch /tmp/x) and $HOME'), '$(touch /tmp/x) and $HOME', 'VS Code renders no icon here: nothing to escape');
  assert.equal(iconSafeText('$(alert)\u202E'), '\\$(alert)\\u202E');
});

test('quick pick items are shown escaped, and a chosen copy maps back to the item itself', () => {
  const items = [{ label: '$(alert)', description: 'x-\u202Egnp', detail: '$(key)', value: 1 }, { label: 'plain', value: 2 }];
  const { shown, original } = safePickItems(items);
  assert.deepEqual(shown, [
    { label: '\\$(alert)', description: 'x-\\u202Egnp', detail: '\\$(key)', value: 1 },
    { label: 'plain', value: 2 },
  ]);
  assert.equal(original(shown[0]), items[0]);
  assert.equal(original(shown[1]), items[1]);
  assert.equal(items[0].label, '$(alert)', 'the items themselves are not changed (Back shows them again)');
});

test('a tab title keeps a name in any script and drops only what a path cannot hold', () => {
  assert.equal(fileNameOf('实例-1'), '实例-1');
  assert.equal(fileNameOf('Ünïcødé сеть 🚀'), 'Ünïcødé сеть 🚀');
  assert.equal(fileNameOf('a/b\\c\u0000d\ne'), 'a_b_c_d_e');
  assert.equal(fileNameOf('x-\u202Egnp.exe'), 'x-\\u202Egnp.exe', 'no reversed title either');
  assert.equal(fileNameOf('  '), '', 'nothing left: the caller falls back to the ID');
  assert.equal(fileNameOf('🚀'.repeat(100)), `${'🚀'.repeat(79)}…`, 'cut by characters, never inside one');
});
