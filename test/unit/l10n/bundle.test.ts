// Every message the extension shows has a zh-CN translation, and no translation is left for a message that is gone:
// the runtime bundle (l10n.t messages of src/ and webview/, extracted by @vscode/l10n-dev) and package.json's
// %key% contributions. A translation keeps the message's placeholders, so no argument is dropped or invented.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
// @ts-expect-error the script is plain ESM JavaScript without types
import { ENGLISH_BUNDLE, ROOT, extractBundle } from '../../../scripts/l10n.mjs';

type Bundle = Record<string, string | { message: string; comment: string[] }>;
const readJson = (...path: string[]) => JSON.parse(readFileSync(join(ROOT, ...path), 'utf8')) as Record<string, unknown>;
const messageOf = (v: unknown) => (typeof v === 'string' ? v : (v as { message: string }).message);
const placeholders = (s: string) => [...s.matchAll(/\{[^{}\s]+\}/g)].map((m) => m[0]).sort();
/** Messages that read the same in Chinese: names and terms OpenStack users keep in English. */
const SAME_IN_CHINESE = new Set(['OpenStack', 'ID', 'IP', 'CIDR', 'JSON', 'MTU', 'VLAN', 'VXLAN', 'TCP', 'UDP', 'ICMP', 'SSH', 'VNC', 'IPv4', 'IPv6', 'DHCP', 'DNS', 'UUID']);

function assertSameKeys(english: Record<string, unknown>, chinese: Record<string, unknown>, what: string): void {
  const missing = Object.keys(english).filter((k) => !(k in chinese));
  const orphaned = Object.keys(chinese).filter((k) => !(k in english));
  assert.deepEqual(missing, [], `${what}: messages without a zh-CN translation`);
  assert.deepEqual(orphaned, [], `${what}: zh-CN translations of messages that no longer exist`);
}

function assertTranslated(english: Record<string, unknown>, chinese: Record<string, unknown>, what: string): void {
  for (const [key, value] of Object.entries(english)) {
    const en = messageOf(value);
    const zh = messageOf(chinese[key]);
    assert.deepEqual(placeholders(zh), placeholders(en), `${what}: "${key}" must keep its placeholders`);
    if (zh === en) assert.ok(SAME_IN_CHINESE.has(en.replace(/\{[^}]*\}/g, '').trim()) || !/[a-z]{3}/i.test(en.replace(/\{[^}]*\}/g, '')), `${what}: "${key}" is not translated`);
  }
}

test('l10n/bundle.l10n.json holds exactly the messages of the sources (run node scripts/l10n.mjs after changing one)', async () => {
  const extracted = (await extractBundle()) as Bundle;
  assert.ok(Object.keys(extracted).length > 0, 'the sources ask for messages');
  assert.deepEqual(readJson('l10n', 'bundle.l10n.json'), extracted, `${ENGLISH_BUNDLE} is stale`);
});

test('every runtime message has a zh-CN translation that keeps its placeholders, and none is orphaned', () => {
  const english = readJson('l10n', 'bundle.l10n.json');
  const chinese = readJson('l10n', 'bundle.l10n.zh-cn.json');
  assertSameKeys(english, chinese, 'l10n/bundle.l10n.zh-cn.json');
  assertTranslated(english, chinese, 'l10n/bundle.l10n.zh-cn.json');
});

test("package.json's %keys% are all in package.nls.json, none unused, and all translated to zh-CN", () => {
  const manifest = readFileSync(join(ROOT, 'package.json'), 'utf8');
  const used = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
  const english = readJson('package.nls.json');
  assert.deepEqual([...used].filter((k) => !(k in english)), [], 'package.json names keys package.nls.json lacks');
  assert.deepEqual(Object.keys(english).filter((k) => !used.has(k)), [], 'package.nls.json keys package.json never uses');
  const chinese = readJson('package.nls.zh-cn.json');
  assertSameKeys(english, chinese, 'package.nls.zh-cn.json');
  assertTranslated(english, chinese, 'package.nls.zh-cn.json');
});
