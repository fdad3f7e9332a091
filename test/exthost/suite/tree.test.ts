/// <reference types="mocha" />
// The explorer tree against the real dev cloud, read through the extension's own provider in the real
// extension host. Resources are created through the extension's client, then looked for in the tree.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OpenStackExplorerApi } from '../../../src/extension';
import { explorerApi } from './api';
import type { OpenStackClient } from '../../../src/openstack/client';
import { label, treeQueries } from './treeQueries';
import { FAKE_AZ, GUEST_IMAGE } from '../../support/devcloud';

const tag = `tree${Date.now() % 100000}`;

describe('Explorer tree on the dev cloud', function () {
  this.timeout(120_000);
  let api: OpenStackExplorerApi;
  let client: OpenStackClient;
  let networkId = '';
  let serverId = '';

  const { children, child } = treeQueries(() => api);
  const demoProject = async () => child(await child(undefined, 'devcloud'), 'demo');

  before(async () => {
    api = await explorerApi();
    client = await api.registry.client('devcloud');
    const net = await client.network.createNetwork({ name: `${tag}-net` });
    networkId = net.id;
    await client.network.createSubnet({ name: `${tag}-subnet`, networkId, cidr: '10.99.0.0/24', ipVersion: 4 });
    const image = (await client.image.images({ name: GUEST_IMAGE }).toArray())[0];
    const flavor = (await client.compute.flavors().toArray()).find((f) => f.name === 'm1.tiny')!;
    serverId = (await client.compute.createServer({ availabilityZone: FAKE_AZ, name: `${tag}-vm`, imageRef: image.id, flavorRef: flavor.id, networks: [{ uuid: networkId }] })).id;
  });

  after(async () => {
    if (serverId) await client.compute.deleteServer(serverId).catch(() => undefined);
    for (let i = 0; i < 60 && serverId; i++) {
      if (!(await client.compute.servers({ name: `${tag}-vm` }).toArray()).length) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    if (networkId) await client.network.deleteNetwork(networkId).catch(() => undefined);
  });

  it('lists the clouds of clouds.yaml, with the configured project first', async () => {
    const names = (await children()).map(label);
    assert.ok(names.includes('devcloud') && names.includes('devcloud-admin'), names.join(', '));
    const projects = await children(await child(undefined, 'devcloud'));
    assert.equal(label(projects[0]), 'demo');
    assert.equal(projects[0].treeItem().description, 'configured project');
  });

  it('shows every category of the project in the exercise order', async () => {
    // demo is a member: placement refuses it, so no Hypervisors category (rather than a row of 403s); Object Storage
    // shows also on a cloud without Swift, as one row saying so
    const categories = (await children(await demoProject())).map(label);
    assert.deepEqual(categories, ['Instances', 'Volumes', 'Networks', 'Routers', 'Floating IPs', 'Images', 'Flavors', 'Security Groups', 'Key Pairs', 'Object Storage', 'Quotas']);
  });

  it("shows a member its project's quotas, and an admin each compute host's allocation", async () => {
    const quotas = await children(await child(await demoProject(), 'Quotas'));
    assert.deepEqual(quotas.slice(0, 3).map(label), ['Instances', 'vCPUs', 'RAM']);
    assert.match(String(quotas[0].treeItem().description), /^\d+ of (\d+ \(\d+%\)|unlimited)$/);
    assert.ok(quotas.map(label).includes('Floating IPs'), quotas.map(label).join(', '));
    assert.deepEqual(quotas.slice(3, 6).map(label), ['Volumes', 'Volume storage', 'Volume snapshots']);   // the dev cloud has Cinder
    const adminProject = await child(await child(undefined, 'devcloud-admin'), 'admin');
    const hosts = await children(await child(adminProject, 'Hypervisors'));
    assert.deepEqual(hosts.map(label), ['devcloud-fake1', 'vm']);
    for (const host of hosts) {
      const item = host.treeItem();
      assert.match(String(item.description), /^RAM \d+% · vCPU \d+% · disk \d+%$/);
      // the tooltip's markdown, with what MarkdownString.appendText escaped read back as text
      const tooltip = (item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
      assert.match(tooltip, /RAM: .* used of .* allocatable \(\d+%\); physical .*, reserved .*, allocation ratio 1\.5/);
    }
  });

  it('shows a new server, polls it while it builds, and shows it ACTIVE with its address', async function () {
    // a busy compute node (the bench's 200 servers) can take minutes per boot
    this.timeout(300_000);
    const instances = await child(await demoProject(), 'Instances');
    let node = await child(instances, `${tag}-vm`);
    const first = node.treeItem();
    assert.match(String(first.contextValue), /\bopenstack\.server\b/);
    if (/status-build/.test(String(first.contextValue))) {
      assert.equal((first.iconPath as vscode.ThemeIcon).id, 'loading~spin');
      assert.ok(api.explorer.poller.isWatching(instances as never), 'a building server makes its category poll');
    }
    for (let i = 0; i < 280 && !/status-active/.test(String(node.treeItem().contextValue)); i++) {
      await new Promise((r) => setTimeout(r, 1000));
      node = await child(instances, `${tag}-vm`);   // the poller reloads the category
    }
    const item = node.treeItem();
    assert.match(String(item.contextValue), /status-active/);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'vm-running');
    assert.match(String(item.description), /^10\.99\.0\.\d+ · ACTIVE$/);
    // other suites' servers may still be settling in this project: wait for the poller to let go
    for (let i = 0; i < 120 && api.explorer.poller.isWatching(instances as never); i++) await new Promise((r) => setTimeout(r, 1000));
    assert.equal(api.explorer.poller.isWatching(instances as never), false, 'polling stops once nothing is in transition');
  });

  it('shows networks with their subnets, the external network, images, flavors and security group rules', async () => {
    const project = await demoProject();
    const networks = await child(project, 'Networks');
    const net = await child(networks, `${tag}-net`);
    assert.match(String(net.treeItem().description), /^10\.99\.0\.0\/24/);
    assert.equal(label((await children(net))[0]), `${tag}-subnet`);
    // neutron lists an admin's external network to members, but not its subnets
    assert.equal((await child(networks, 'ext')).treeItem().description, 'external');
    assert.match(String((await child(await child(project, 'Images'), GUEST_IMAGE)).treeItem().description), /^qcow2 · /);
    assert.match(String((await child(await child(project, 'Flavors'), 'm1.tiny')).treeItem().description), /1 vCPU · 512 MiB RAM · 1 GiB disk/);
    const rules = (await children(await child(await child(project, 'Security Groups'), 'default'))).map(label);
    assert.ok(rules.includes('egress IPv4 any to any'), rules.join('; '));
  });

  it('opens a resource as read-only JSON with Inspect', async () => {
    const net = await child(await child(await demoProject(), 'Networks'), `${tag}-net`);
    await vscode.commands.executeCommand('openstack.inspect', net);
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.uri.scheme, 'openstack-inspect');
    assert.equal(JSON.parse(doc!.getText()).id, networkId);
  });

  it('copies a resource id and finds loaded resources by name and IP', async () => {
    const node = await child(await child(await demoProject(), 'Instances'), `${tag}-vm`);
    await vscode.commands.executeCommand('openstack.copyId', node);
    assert.equal(await vscode.env.clipboard.readText(), serverId);
    const loaded = api.explorer.loadedResources();
    const found = loaded.find((r) => r.label === `${tag}-vm`);
    assert.ok(found, 'the server is in the Find resource index');
    assert.ok(found.ips().some((ip) => ip.startsWith('10.99.0.')), found.ips().join(', '));
    assert.ok(loaded.some((r) => r.kind === 'subnet' && r.label === `${tag}-subnet`), 'subnets are indexed too');
  });

  it('loads a page of openstack.pageSize items and the rest with Load more…', async () => {
    const config = vscode.workspace.getConfiguration('openstack');
    await config.update('pageSize', 1, vscode.ConfigurationTarget.Global);
    try {
      const project = await demoProject();
      await api.explorer.refresh(project);   // categories are rebuilt with the new page size
      const networks = await child(project, 'Networks');
      const firstPage = await children(networks);
      assert.equal(firstPage.length, 2, firstPage.map(label).join(', '));
      assert.equal(label(firstPage[1]), 'Load more…');
      await vscode.commands.executeCommand('openstack.loadMore', firstPage[1]);
      const more = await children(networks);
      assert.ok(more.filter((n) => label(n) !== 'Load more…').length >= 2, more.map(label).join(', '));
    } finally {
      await config.update('pageSize', undefined, vscode.ConfigurationTarget.Global);
      await api.explorer.refresh(await demoProject());
    }
  });

  it('shows an error item with Retry, not a modal, when a cloud cannot be reached', async () => {
    await api.store.save(`${tag}-down`, {
      OS_AUTH_URL: 'http://127.0.0.1:9/v3', OS_USERNAME: 'demo', OS_PASSWORD: 'demo', OS_PROJECT_NAME: 'demo',
      OS_USER_DOMAIN_NAME: 'Default', OS_PROJECT_DOMAIN_NAME: 'Default',
    });
    try {
      await api.registry.load();
      const [error] = await children(await child(undefined, `${tag}-down`));
      const item = error.treeItem();
      assert.equal(item.contextValue, 'openstack.error');
      assert.equal(item.command?.command, 'openstack.retry');
      assert.match(String(item.tooltip), /127\.0\.0\.1:9/);
    } finally {
      await api.store.remove(`${tag}-down`);
      await api.registry.load();
    }
  });
});
