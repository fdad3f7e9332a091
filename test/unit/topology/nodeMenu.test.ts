// A node's right-click menu: the context the webview puts on the node, the node the host reads back from a
// command's argument, and package.json's "webview/context" entries offering exactly the node's actions.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ACTIONS, type ActionId } from '../../../src/features/topology/model/actions';
import { buildGraph } from '../../../src/features/topology/model/graph';
import { layoutGraph } from '../../../src/features/topology/model/layout';
import { nodeContext, nodeRefOf } from '../../../src/features/topology/model/nodeMenu';
import { TOPOLOGY_VIEW_TYPE } from '../../../src/features/topology/model/protocol';
import { exercise } from './exercise';

const target = { cloud: 'devcloud', projectId: 'a1b2c3', projectName: '<b>demo</b>' };
const nodes = layoutGraph(buildGraph(exercise())).nodes;
const vm2 = nodes.find((n) => n.id === 'instance:vm2-id')!;

test('a node\'s context names its kind, its actions and where it is, and keeps VS Code\'s Cut/Copy/Paste out', () => {
  assert.deepEqual(nodeContext(target, vm2), {
    webviewSection: 'instance', topologyActions: 'openConsole diagnose assignFloatingIp deleteInstance', preventDefaultContextMenuItems: true,
    cloud: 'devcloud', projectId: 'a1b2c3', nodeId: 'instance:vm2-id',
  });
});

test('the command\'s argument (the context plus `webview`) leads back to the node; anything else is not one', () => {
  const arg = { ...JSON.parse(JSON.stringify(nodeContext(target, vm2))), webview: TOPOLOGY_VIEW_TYPE };
  assert.deepEqual(nodeRefOf(arg), { cloud: 'devcloud', projectId: 'a1b2c3', nodeId: 'instance:vm2-id' });
  for (const other of [
    undefined, null, 'instance:vm2-id', { kind: 'server', server: {} }, { ...arg, webview: 'openstack.console' },
    { ...arg, nodeId: 7 }, { ...arg, cloud: undefined }, { ...arg, projectId: {} },
  ]) assert.equal(nodeRefOf(other), undefined, JSON.stringify(other));
});

interface MenuEntry { command: string; when: string }
const menu: MenuEntry[] = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')).contributes.menus['webview/context'];
const entryOf = (action: ActionId) => menu.filter((m) => m.when.includes(`topologyActions =~ /\\b${action}\\b/`));

test('the menu has one entry per action, running its command in the topology panel only', () => {
  for (const [action, { command }] of Object.entries(ACTIONS) as [ActionId, (typeof ACTIONS)[ActionId]][]) {
    const entries = entryOf(action);
    assert.equal(entries.length, 1, action);
    assert.equal(entries[0].command, command);
    assert.ok(entries[0].when.startsWith(`webviewId == '${TOPOLOGY_VIEW_TYPE}' && `), entries[0].when);
  }
  assert.equal(menu.length, Object.keys(ACTIONS).length);
});

test('each action a node offers is in the menu of its kind', () => {
  for (const node of nodes) {
    for (const action of node.actions) assert.ok(entryOf(action)[0].when.includes(`webviewSection == '${node.kind}'`), `${action} on ${node.id}`);
  }
});
