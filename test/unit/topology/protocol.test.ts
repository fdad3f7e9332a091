// The topology protocol's guards: what each side accepts from the other, and what it refuses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildGraph } from '../../../src/features/topology/model/graph';
import { layoutGraph } from '../../../src/features/topology/model/layout';
import { isHostMessage, isTopologyState, isWebviewMessage, type HostMessage } from '../../../src/features/topology/model/protocol';
import { exercise } from './exercise';

const target = { cloud: 'devcloud', projectId: 'a1b2c3', projectName: '<b>demo</b>' };

test('the webview may ask for exactly these, and nothing else', () => {
  for (const ok of [
    { type: 'ready' }, { type: 'refresh' }, { type: 'reveal', nodeId: 'instance:5f0e-11' },
    { type: 'run', nodeId: 'router:r1', action: 'setRouterGateway' }, { type: 'run', nodeId: 'router:r1', action: 'deleteRouter' },
    { type: 'exportSvg', svg: '<svg xmlns="http://www.w3.org/2000/svg"/>' },
  ]) assert.ok(isWebviewMessage(ok), JSON.stringify(ok));
  for (const bad of [
    null, 'ready', [], { type: 'ready', extra: 1 }, { type: 'reveal' }, { type: 'reveal', nodeId: '../../etc' }, { type: 'reveal', nodeId: 'instance:a b' },
    { type: 'run', nodeId: 'router:r1', action: 'deleteProject' }, { type: 'run', nodeId: 'router:r1', action: 'toString' },
    { type: 'exportSvg', svg: '<html>' }, { type: 'exportSvg', svg: 42 }, { type: 'openExternal', url: 'https://x' },
    Object.assign(Object.create({ polluted: true }), { type: 'ready' }),
  ]) assert.equal(isWebviewMessage(bad), false, JSON.stringify(bad));
});

test('the host\'s picture passes the webview\'s guard; a malformed one does not', () => {
  const view = layoutGraph(buildGraph(exercise()));
  const message: HostMessage = { type: 'topology', target, view, stats: { at: 1, ms: 120, requests: 6 } };
  assert.ok(isHostMessage(JSON.parse(JSON.stringify(message))));
  assert.ok(isHostMessage({ type: 'loading' }));
  assert.ok(isHostMessage({ type: 'loadFailed', message: 'Neutron said no' }));
  const broken = (change: (v: { nodes: Record<string, unknown>[]; links: Record<string, unknown>[] }) => void) => {
    const copy = JSON.parse(JSON.stringify(view));
    change(copy);
    return isHostMessage({ ...message, view: copy });
  };
  assert.equal(broken((v) => { v.nodes[0].kind = 'volume'; }), false);
  assert.equal(broken((v) => { v.nodes[0].x = 'NaN'; }), false);
  assert.equal(broken((v) => { v.nodes[0].actions = ['deleteEverything']; }), false);
  assert.equal(broken((v) => { v.links[0].kind = 'tunnel'; }), false);
  assert.equal(broken((v) => { v.nodes[0].rows = [{ text: 1, y: 2 }]; }), false);
  assert.equal(isHostMessage({ type: 'notice', level: 'debug', text: '' }), false);
});

test('the kept state: the target, the viewport within its zoom range, the selection', () => {
  assert.ok(isTopologyState({ v: 1, target }));
  assert.ok(isTopologyState({ v: 1, target, viewport: { x: -10, y: 5.5, scale: 0.5 }, selected: 'instance:vm1' }));
  assert.equal(isTopologyState({ v: 2, target }), false);
  assert.equal(isTopologyState({ v: 1, target: { ...target, projectId: '' } }), false);
  assert.equal(isTopologyState({ v: 1, target, viewport: { x: 0, y: 0, scale: 100 } }), false);
  assert.equal(isTopologyState({ v: 1, target, selected: '<script>' }), false);
});

test("the page's strings come first, as a bundle of strings; anything else is refused", () => {
  const message: HostMessage = { type: 'l10n', bundle: { 'Network topology': '网络拓扑' } };
  assert.ok(isHostMessage(JSON.parse(JSON.stringify(message))));
  assert.ok(isHostMessage({ type: 'l10n', bundle: {} }));
  for (const bundle of [undefined, null, [], 'x', { Refresh: 1 }, { Refresh: ['刷新'] }]) {
    assert.equal(isHostMessage({ type: 'l10n', bundle }), false, JSON.stringify(bundle));
  }
});
