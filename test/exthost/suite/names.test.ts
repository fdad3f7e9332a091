/// <reference types="mocha" />
// Names and URLs from the cloud as the workbench shows them, in the real extension host against the dev cloud:
// bidi controls shown escaped in the tree, `$(icon)` and bidi escaped in quick picks, Inspect tab titles in any
// script, auth URLs without their user:password, console URLs opened only when http(s), and a token cloud
// added in the editor that keeps its token (SecretStorage) when the clouds are loaded again.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { OpenStackExplorerApi } from '../../../src/extension';
import { explorerApi } from './api';
import type { OpenStackClient } from '../../../src/openstack/client';
import type { Network } from '../../../src/openstack/networkModels';
import type { ExplorerNode } from '../../../src/ui/tree/node';
import { MultiStepInput } from '../../../src/ui/multiStep';
import { collectSubnet, Lookup } from '../../../src/features/networks/networkCollect';
import { Cancelled } from '../../../src/core/cancelled';
import { resolveTarget } from '../../../src/context/target';
import { openExternalUrl } from '../../../src/ui/openExternal';
import { label, treeQueries } from './treeQueries';

const tag = `fixnames${Date.now() % 100000}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const run = promisify(execFile);

describe('Names and URLs shown safely', function () {
  this.timeout(120_000);
  let api: OpenStackExplorerApi;
  let demo: OpenStackClient;
  const created: Network[] = [];
  const clouds: string[] = [];
  const { children, child } = treeQueries(() => api);
  const category = async (name: string) => child(await child(await child(undefined, 'devcloud'), 'demo'), name);
  const spoof = `${tag}-x-\u202Egnp.exe`;
  const icon = `$(alert) ${tag}`;
  const chinese = `${tag}-实例-1`;

  /** The Networks category's node for NETWORK, reloaded so that it is there. */
  async function networkNode(network: Network): Promise<ExplorerNode> {
    const networks = await category('Networks');
    await vscode.commands.executeCommand('openstack.refresh', networks);
    const node = (await children(networks)).find((n) => (n as { resourceId?: string }).resourceId === network.id);
    assert.ok(node, `network ${network.id} is not in the tree`);
    return node;
  }

  before(async () => {
    api = await explorerApi();
    demo = await api.registry.client('devcloud');
    for (const name of [spoof, icon, chinese]) created.push(await demo.network.createNetwork({ name }));
    await demo.network.createSubnet({ networkId: created[0].id, name: `${tag}-sub`, cidr: '10.213.9.0/24' });
  });

  after(async () => {
    for (const n of created) await demo.network.deleteNetwork(n.id).catch((err: unknown) => console.error('cleanup:', err));
    for (const name of clouds) await api.store.remove(name);
    await api.registry.load();
  });

  it('shows a bidi override in a network name escaped in its tree label, description and tooltip', async () => {
    const network = await networkNode(created[0]);
    // the tooltip as the view shows it on hover (resolveTreeItem)
    const item = api.explorer.resolveTreeItem(api.explorer.getTreeItem(network), network);
    const text = JSON.stringify([item.label, item.description, (item.tooltip as vscode.MarkdownString).value]);
    assert.ok(!/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/.test(text), `a bidi control reached the tree: ${text}`);
    assert.equal(item.label, `${tag}-x-\\u202Egnp.exe`);
    assert.equal(item.description, '10.213.9.0/24');
  });

  it('escapes $(icon) and bidi controls in the quick pick items that carry names (Create Subnet: the network)', async () => {
    const prompts: vscode.QuickPick<vscode.QuickPickItem>[] = [];
    const proto = MultiStepInput.prototype as unknown as { ask: (prompt: vscode.QuickPick<vscode.QuickPickItem>, listen: unknown) => Promise<unknown> };
    const ask = proto.ask;
    proto.ask = function (this: unknown, prompt, listen) {
      prompts.push(prompt);
      return ask.call(this, prompt, listen);
    };
    try {
      const target = await resolveTarget(await category('Networks'), { active: api.active });
      const collecting = collectSubnet(new Lookup(target), { cloud: 'devcloud' });
      for (let i = 0; prompts.length === 0; i++) {
        assert.ok(i < 200, 'no quick pick');
        await sleep(50);
      }
      await sleep(300);
      const labels = prompts[0].items.map((i) => i.label);
      assert.ok(labels.includes(`\\$(alert) ${tag}`), `the $(alert) network: ${labels.filter((l) => l.includes(tag)).join(' | ')}`);
      assert.ok(labels.includes(`${tag}-x-\\u202Egnp.exe`), `the spoofing network: ${labels.filter((l) => l.includes(tag)).join(' | ')}`);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await assert.rejects(collecting, Cancelled);
    } finally {
      proto.ask = ask;
    }
  });

  it('titles the Inspect tab with the name in its own script', async () => {
    await vscode.commands.executeCommand('openstack.inspect', await networkNode(created[2]));
    const uri = vscode.window.activeTextEditor?.document.uri;
    assert.equal(uri?.path, `/network/${chinese}.json`);
    assert.equal(JSON.parse(vscode.window.activeTextEditor!.document.getText()).id, created[2].id);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('never shows the user:password of an auth URL in the cloud\'s tooltip', async () => {
    const name = `${tag}-userinfo`;
    clouds.push(name);
    await api.store.save(name, {
      OS_AUTH_URL: 'http://demo:s3cret-in-url@127.0.0.1:5000/v3', OS_USERNAME: 'demo', OS_USER_DOMAIN_NAME: 'Default',
      OS_PROJECT_NAME: 'demo', OS_PROJECT_DOMAIN_NAME: 'Default', OS_PASSWORD: 'demo',
    });
    await api.registry.load();
    const node = (await children()).find((n) => label(n) === name);
    assert.ok(node, `cloud ${name} is not in the tree`);
    const item = api.explorer.resolveTreeItem(api.explorer.getTreeItem(node), node);
    const shown = JSON.stringify([item.label, item.description, (item.tooltip as vscode.MarkdownString).value]);
    assert.ok(!shown.includes('s3cret-in-url'), shown);
    assert.match((item.tooltip as vscode.MarkdownString).value, /Auth URL: `http:\/\/127\.0\.0\.1:5000\/v3`/);
  });

  it('opens only http(s) console URLs in the browser', () => {
    for (const url of ['file:///etc/passwd', 'command:workbench.action.quit', 'vscode://file/etc/passwd', 'javascript:alert(1)']) {
      assert.throws(() => openExternalUrl(url), /console URL that is not http or https/, url);
    }
  });

  it('keeps the token of a cloud imported with OS_TOKEN when the clouds are loaded again', async () => {
    const { stdout } = await run('openstack', ['--os-cloud', 'devcloud', 'token', 'issue', '-f', 'value', '-c', 'id'], {
      env: { ...process.env, PATH: `/usr/bin:/bin:${process.env.PATH ?? ''}` },
    });
    const name = `${tag}-token`;
    clouds.push(name);
    await api.store.save(name, {
      OS_AUTH_URL: 'http://127.0.0.1:5000/v3', OS_AUTH_TYPE: 'v3token', OS_TOKEN: stdout.trim(), OS_PROJECT_NAME: 'demo', OS_PROJECT_DOMAIN_NAME: 'Default',
    });
    assert.ok(!JSON.stringify(api.store.list()).includes(stdout.trim()), 'the token reached globalState');
    await api.registry.load();   // as after a reload: the cloud again from globalState, its token from SecretStorage
    await api.registry.forget(name);
    const signedIn = api.registry.client(name);
    const prompted = sleep(20_000).then(() => 'prompted');
    const outcome = await Promise.race([signedIn.then((c) => c.session.projectId), prompted]);
    if (outcome === 'prompted') await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(outcome, demo.session.projectId, 'signed in with the stored token, without asking');
  });
});
