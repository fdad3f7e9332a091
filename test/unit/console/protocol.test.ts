// The webview ⇄ host message guards: a webview message is untrusted input to the host, so anything that is not
// exactly one of the protocol's shapes is refused; the persisted panel state is checked before a reload uses it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DiagnosisView } from '../../../src/features/doctor/model/view';
import { DEFAULT_UI, isHostMessage, isMessageBundle, isPanelState, isUiState, isWebviewMessage, type HostMessage, type WebviewMessage } from '../../../src/features/console/model/protocol';

const target = { cloud: 'devcloud', projectId: 'p1', serverId: '0996de1b-5d89-4a4d-abc4-f57541b232d5', name: '<img src=x onerror=alert(1)>' };

test('every webview message shape passes', () => {
  const good: WebviewMessage[] = [
    { type: 'ready', ui: DEFAULT_UI },
    { type: 'refreshLog', lines: 500 },
    { type: 'setFollow', follow: true, lines: 100 },
    { type: 'openFullLog' },
    { type: 'copy', text: 'a\nb' },
    { type: 'openRemote', console: 'serial' },
    { type: 'openRemote', console: 'novnc' },
    { type: 'startPing', target: '127.0.0.1', count: 5 },
    { type: 'stopPing' },
    { type: 'tcpCheck', target: '127.0.0.1', port: 22 },
    { type: 'diagnose' },
    { type: 'applyFix', checkId: 'router-gateway' },
    { type: 'ready', ui: { ...DEFAULT_UI, tab: 'diagnose' } },
  ];
  for (const m of good) assert.ok(isWebviewMessage(m), JSON.stringify(m));
});

test('malformed webview messages are refused', () => {
  const bad: unknown[] = [
    null, undefined, 'ready', 42, [], {}, { type: 'nope' }, { type: 'ready' }, { type: 'ready', ui: { ...DEFAULT_UI, lines: -1 } },
    { type: 'refreshLog', lines: '500' }, { type: 'refreshLog', lines: 1.5 }, { type: 'refreshLog', lines: 0 },
    { type: 'openRemote', console: 'spice-html5' }, { type: 'openRemote', console: 'serial', url: 'ws://evil' },
    { type: 'startPing', target: '127.0.0.1', count: 0 }, { type: 'startPing', target: '127.0.0.1', count: 101 },
    { type: 'startPing', target: 42, count: 3 }, { type: 'startPing', target: 'x'.repeat(1001), count: 3 },
    { type: 'startPing', target: '127.0.0.1', count: 3, args: ['-f'] }, { type: 'tcpCheck', target: 'h', port: 70000 },
    { type: 'stopPing', extra: 1 }, { type: 'copy', text: 7 }, { type: 'setFollow', follow: 'yes', lines: 5 },
    Object.assign(Object.create({ type: 'stopPing' }), {}),
    { type: 'diagnose', serverId: 'x' }, { type: 'applyFix' }, { type: 'applyFix', checkId: 7 }, { type: 'applyFix', checkId: 'x'.repeat(101) },
    { type: 'applyFix', checkId: 'router-gateway', command: 'workbench.action.terminal.sendSequence' },
  ];
  for (const m of bad) assert.equal(isWebviewMessage(m), false, JSON.stringify(m));
});

test('UI and panel state guards (what a reload hands back)', () => {
  assert.ok(isUiState(DEFAULT_UI));
  assert.ok(isPanelState({ v: 1, target, ui: DEFAULT_UI }));
  assert.equal(isPanelState({ v: 2, target, ui: DEFAULT_UI }), false);
  assert.equal(isPanelState({ v: 1, target: { ...target, serverId: '../../etc' }, ui: DEFAULT_UI }), false);
  assert.equal(isPanelState({ v: 1, target: { ...target, cloud: '' }, ui: DEFAULT_UI }), false);
  assert.equal(isPanelState({ v: 1, target, ui: { ...DEFAULT_UI, tab: 'shell' } }), false);
  assert.equal(isPanelState({ v: 1, target, ui: { ...DEFAULT_UI, extra: true } }), false);
  assert.equal(isPanelState(undefined), false);
});

const diagnosis: DiagnosisView = {
  running: false, ms: 2600, requests: 13,
  verdict: { sentence: 'Router r1 has no external gateway.', checkId: 'router-gateway', fix: { title: 'Set gateway on r1', cli: 'openstack router set --external-gateway ext r1' } },
  checks: [{ id: 'router-gateway', title: 'The router has a gateway', status: 'failed', summary: 's',
    evidence: [{ kind: 'router', id: 'r1-id', name: '<b>r1</b>', field: 'external_gateway_info', value: 'null' }], cli: 'openstack router show r1',
    fix: { title: 'Set gateway on r1', cli: 'openstack router set --external-gateway ext r1' } }],
};

test('host messages: good shapes pass, bad ones are refused', () => {
  const summary = { sent: 1, received: 1, loss: 0, min: 0.1, avg: 0.1, max: 0.1, final: false };
  const instance = { ...target, status: 'ACTIVE', addresses: [{ addr: '10.0.0.5', type: 'fixed' as const, network: 'net', version: 4 }] };
  const good: HostMessage[] = [
    { type: 'snapshot', instance, log: { lines: ['a'], tail: '' }, followStatus: { follow: false } },
    { type: 'snapshot', instance, log: { lines: [], tail: 'login: ', fetchedAt: 1, error: 'x' }, followStatus: { follow: true, nextPollMs: 1000 },
      ping: { id: 1, target: '127.0.0.1', command: 'ping', lines: [], samples: [{ seq: 1, rtt: 0.1 }, { seq: 2 }], summary, running: false, exitCode: 0 },
      tcp: { target: '127.0.0.1', port: 22, ok: false, ms: 1, message: 'refused' } },
    { type: 'instance', instance },
    { type: 'log', mode: 'append', lines: ['x'], tail: '', fetchedAt: 5 },
    { type: 'logError', message: 'boom' },
    { type: 'followStatus', status: { follow: true, nextPollMs: 2000 } },
    { type: 'pingStarted', id: 1, target: '127.0.0.1', command: 'ping -c 3 127.0.0.1' },
    { type: 'pingLine', id: 1, line: '64 bytes…', summary, sample: { seq: 1, rtt: 0.1 } },
    { type: 'pingEnded', id: 1, exitCode: null, summary, failure: { kind: 'missing', message: 'no ping' } },
    { type: 'tcpResult', result: { target: 'h', port: 22, ok: true, ms: 3, message: 'open' } },
    { type: 'notice', level: 'error', text: 'x' },
    { type: 'showTab', tab: 'diagnose' },
    { type: 'diagnosis', view: { running: true, checks: [] } },
    { type: 'diagnosis', view: diagnosis },
    { type: 'snapshot', instance, log: { lines: [], tail: '' }, followStatus: { follow: false }, diagnosis },
  ];
  for (const m of good) assert.ok(isHostMessage(m), JSON.stringify(m));
  const badDiagnoses: unknown[] = [
    { running: 'no', checks: [] }, { running: false, checks: [{ ...diagnosis.checks[0], status: 'maybe' }] },
    { running: false, checks: [{ ...diagnosis.checks[0], evidence: [{ kind: 'port' }] }] },
    { running: false, checks: [], verdict: { sentence: 7 } }, { running: false, checks: [], verdict: { sentence: 's', fix: { title: 't' } } },
  ];
  for (const view of badDiagnoses) assert.equal(isHostMessage({ type: 'diagnosis', view }), false, JSON.stringify(view));
  assert.equal(isHostMessage({ type: 'showTab', tab: 'shell' }), false);
  const bad: unknown[] = [
    { type: 'log', mode: 'html', lines: [], tail: '', fetchedAt: 1 }, { type: 'log', mode: 'append', lines: [1], tail: '', fetchedAt: 1 },
    { type: 'notice', level: 'debug', text: 'x' }, { type: 'pingEnded', id: 1, exitCode: 0, summary, failure: { kind: 'weird', message: '' } },
    { type: 'instance', instance: { ...instance, addresses: [{ addr: 1 }] } }, { type: 'snapshot' }, { type: 'html', html: '<b>' },
  ];
  for (const m of bad) assert.equal(isHostMessage(m), false, JSON.stringify(m));
});

test("the page's strings: a bundle of strings passes; anything else is refused", () => {
  assert.ok(isHostMessage({ type: 'l10n', bundle: {} }));
  assert.ok(isHostMessage({ type: 'l10n', bundle: { Refresh: '刷新', 'Last {0} lines': '最后 {0} 行' } }));
  const tooMany = Object.fromEntries(Array.from({ length: 20_001 }, (_, i) => [`m${i}`, 'x']));
  const bad: unknown[] = [
    { type: 'l10n' }, { type: 'l10n', bundle: null }, { type: 'l10n', bundle: ['Refresh'] }, { type: 'l10n', bundle: 'Refresh=刷新' },
    { type: 'l10n', bundle: { Refresh: 1 } }, { type: 'l10n', bundle: { Refresh: { message: '刷新' } } },
    { type: 'l10n', bundle: { Refresh: 'x'.repeat(10_001) } }, { type: 'l10n', bundle: tooMany },
    { type: 'l10n', bundle: Object.assign(Object.create({ polluted: true }), { Refresh: '刷新' }) },
  ];
  for (const m of bad) assert.equal(isHostMessage(m), false, JSON.stringify(m).slice(0, 80));
  assert.equal(isMessageBundle({ a: 'b' }), true);
  assert.equal(isMessageBundle(new Map([['a', 'b']])), false);
});
