/// <reference types="mocha" />
// Runs inside a real VS Code extension host (code-server's, or a desktop VS Code via @vscode/test-electron).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OpenStackExplorerActivation, OpenStackExplorerApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/ui/tree/node';
import { activated } from './api';
import { label, treeQueries } from './treeQueries';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('OpenStack Explorer in the extension host', () => {
  let ext: vscode.Extension<OpenStackExplorerActivation>;
  let activation: OpenStackExplorerActivation;
  let api: OpenStackExplorerApi;
  const { children } = treeQueries(() => api);

  before(async () => {
    ({ ext, activation } = await activated());
    // main.js started with every command, panel serializer and document scheme filled in, or ready() rejects
    api = await activation.ready();
  });

  it('activates and returns the test API with the package version', () => {
    assert.equal(ext.isActive, true);
    assert.equal(activation.version, ext.packageJSON.version);
    assert.equal(api.version, ext.packageJSON.version);
    assert.match(api.version, /^\d+\.\d+\.\d+/);
  });

  it('runs in a Node extension host of the VS Code version it targets', () => {
    const [major, minor] = vscode.version.split('.').map(Number);
    assert.ok(major === 1 && minor >= 100, `vscode.version ${vscode.version} is older than engines.vscode ^1.100.0`);
    assert.ok(Number(process.versions.node.split('.')[0]) >= 20, `node ${process.version}`);
  });

  it('registers every command it contributes, and contributes every command it registers', async () => {
    const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map(c => c.command);
    const registered = (await vscode.commands.getCommands(true)).filter(c => c.startsWith('openstack.'));
    const missing = contributed.filter(c => !registered.includes(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    const undeclared = registered.filter(c => !contributed.includes(c));
    assert.deepEqual(undeclared, [], `registered but not in contributes.commands: ${undeclared.join(', ')}`);
  });

  it('opens its activity-bar container and focuses the Explorer view', async () => {
    const registered = new Set(await vscode.commands.getCommands(false));
    assert.ok(registered.has('workbench.view.extension.openstack'), 'no view container "openstack"');
    assert.ok(registered.has('openstackExplorer.focus'), 'no view "openstackExplorer"');
    await vscode.commands.executeCommand('workbench.view.extension.openstack');
    await vscode.commands.executeCommand('openstackExplorer.focus');
  });

  it('openstack.refresh tells the view to reload the whole tree, with the clouds built anew', async () => {
    const before = await children();
    const reloads: (ExplorerNode | undefined)[] = [];
    const listening = api.explorer.onDidChangeTreeData((node) => reloads.push(node));
    try {
      await vscode.commands.executeCommand('openstack.refresh');
      for (const deadline = Date.now() + 10_000; !reloads.includes(undefined) && Date.now() < deadline;) await sleep(50);
    } finally {
      listening.dispose();
    }
    assert.ok(reloads.includes(undefined), `the view was told to reload only ${reloads.length} nodes, not the whole tree`);
    const after = await children();
    assert.deepEqual(after.map(label), before.map(label));
    assert.ok(after.every((cloud) => !before.includes(cloud)), 'the refresh kept the cloud nodes from before it');
  });

  it('inherits the environment of the process that started VS Code', () => {
    // The runners (test/exthost/run.mjs, test/electron/run.mjs) set this on VS Code's environment;
    // OS_CLOUD / OS_CLIENT_CONFIG_FILE reach the extension host the same way.
    assert.equal(process.env.OPENSTACK_EXTHOST_ENV_PROBE, 'inherited', 'the extension host did not inherit the env');
  });
});
