/// <reference types="mocha" />
// The walkthrough's progress in the real extension host against the dev cloud: in a fresh project made active,
// each step turns done when its resource appears (created through the API, then announced as the commands do, or
// listed by the tree) and not done again when it goes; the console step when a console panel opens.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OpenStackExplorerApi } from '../../../src/extension';
import { explorerApi } from './api';
import type { OpenStackClient } from '../../../src/openstack/client';
import type { StepId } from '../../../src/features/walkthrough/model/steps';
import { FAKE_AZ, GUEST_IMAGE, openstack } from '../../support/devcloud';
import { treeQueries } from './treeQueries';

const tag = `walk${Date.now() % 100000}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

const consoleTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
  .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('openstack.console'));

describe('Walkthrough progress on the dev cloud', function () {
  this.timeout(300_000);
  let api: OpenStackExplorerApi;
  let demo: OpenStackClient;
  let projectId = '';
  let networkId = '';
  let subnetId = '';
  let ssh = '';
  const serverIds: string[] = [];
  const undo: (() => Promise<unknown>)[] = [];
  const { child } = treeQueries(() => api);

  const step = (id: StepId) => api.walkthrough.steps[id];
  const becomes = (id: StepId, done: boolean, timeoutMs?: number) => until(`step ${id} to be ${done ? 'done' : 'not done'}`, () => step(id) === done, timeoutMs);
  /** What a command does after it changed a category. */
  const announce = (kind: string) => api.explorer.refreshCategory('devcloud', projectId, kind);

  before(async () => {
    api = await explorerApi();
    const project = await openstack<{ id: string; name: string }>('devcloud-admin', ['project', 'create', '-f', 'json', `${tag}-proj`]);
    projectId = project.id;
    undo.push(() => openstack('devcloud-admin', ['project', 'delete', project.id]));
    await openstack('devcloud-admin', ['role', 'add', '--user', 'demo', '--user-domain', 'Default', '--project', project.id, 'member']);
    undo.push(() => api.active.set('devcloud'));
    await api.active.set('devcloud', { id: project.id, name: project.name });
    demo = await api.registry.projectClient('devcloud', project.id);
    // Neutron makes the project's default group on first use; deleted with the rest (the project's deletion leaves it)
    const admin = await api.registry.client('devcloud-admin');
    undo.push(async () => {
      for (const g of await admin.network.securityGroups({ projectId }).toArray()) await admin.network.deleteSecurityGroup(g.id);
    });
  });

  after(async () => {
    for (const tab of consoleTabs()) await vscode.window.tabGroups.close(tab);
    for (const undoStep of undo.splice(0).reverse()) await undoStep().catch((err: unknown) => console.error('cleanup:', err));
    api?.explorer.refreshAll();
  });

  it('reads a fresh active project: the cloud\'s external network and images are there, nothing of the project yet', async () => {
    await becomes('externalNetwork', true);
    await becomes('image', true);
    assert.equal(step('cloud'), true);
    for (const id of ['internalNetwork', 'router', 'securityGroup', 'instances', 'floatingIp'] as const) assert.equal(step(id), false, id);
  });

  it('internal network: done once a network of the project has a subnet, as the commands announce it', async () => {
    const net = await demo.network.createNetwork({ name: `${tag}-net` });
    networkId = net.id;
    undo.push(() => demo.network.deleteNetwork(net.id));
    await announce('networks');
    await sleep(1000);
    assert.equal(step('internalNetwork'), false, 'a network without a subnet');
    const subnet = await demo.network.createSubnet({ networkId: net.id, cidr: '10.77.0.0/24', name: `${tag}-sub` });
    subnetId = subnet.id;
    undo.push(() => demo.network.deleteSubnet(subnet.id));
    await announce('networks');
    await becomes('internalNetwork', true);
  });

  it('router: done when the tree lists a router with a gateway and an interface (not with the gateway alone)', async () => {
    const ext = (await demo.network.networks({ external: true }).toArray()).find((n) => n.name === 'ext')!;
    const router = await demo.network.createRouter({ name: `${tag}-router`, gateway: { networkId: ext.id } });
    undo.push(() => demo.network.deleteRouter(router.id));
    await announce('routers');
    await sleep(1000);
    assert.equal(step('router'), false, 'a gateway, no interface yet');
    await demo.network.addRouterInterface(router.id, subnetId);
    undo.push(() => demo.network.removeRouterInterface(router.id, subnetId));
    // no announcement: the tree lists the project's routers (expanding its category), and that is news enough
    api.explorer.refreshAll();
    const projectNode = await child(await child(undefined, 'devcloud'), `${tag}-proj`);
    await api.explorer.getChildren(await child(projectNode, 'Routers'));
    await becomes('router', true);
  });

  it('security group: done with ingress ICMP and SSH in one group, not done again when the SSH rule goes', async () => {
    const group = (await demo.network.securityGroups({ projectId, name: 'default' }).toArray())[0];
    assert.ok(group, 'the project has its default group');
    await demo.network.createSecurityGroupRule({ securityGroupId: group.id, direction: 'ingress', protocol: 'icmp', remoteIpPrefix: '0.0.0.0/0' });
    await announce('securityGroups');
    await sleep(1000);
    assert.equal(step('securityGroup'), false, 'ICMP only');
    ssh = (await demo.network.createSecurityGroupRule({
      securityGroupId: group.id, direction: 'ingress', protocol: 'tcp', portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: '0.0.0.0/0',
    })).id;
    await announce('securityGroups');
    await becomes('securityGroup', true);
    await demo.network.deleteSecurityGroupRule(ssh);
    await announce('securityGroups');
    await becomes('securityGroup', false);
  });

  it('floating IP: done once one is associated to a port', async () => {
    const ext = (await demo.network.networks({ external: true }).toArray()).find((n) => n.name === 'ext')!;
    const fip = await demo.network.allocateFloatingIp({ floatingNetworkId: ext.id, description: tag });
    undo.push(() => demo.network.releaseFloatingIp(fip.id));
    await announce('floatingIps');
    await sleep(1000);
    assert.equal(step('floatingIp'), false, 'allocated, not associated');
    const port = await demo.network.createPort({ networkId, name: `${tag}-port` });
    undo.push(() => demo.network.deletePort(port.id));
    await demo.network.associateFloatingIp(fip.id, port.id);
    undo.push(() => demo.network.disassociateFloatingIp(fip.id));
    await announce('floatingIps');
    await becomes('floatingIp', true);
  });

  it('instances: done with two launched instances; console: done when a console panel opens', async () => {
    const image = (await demo.image.images({ name: GUEST_IMAGE }).toArray())[0];
    const flavor = (await demo.compute.flavors().toArray()).find((f) => f.name === 'm1.tiny')!;
    undo.push(async () => {
      for (const id of serverIds) await demo.compute.deleteServer(id);
      await until('the instances to be gone', async () => (await demo.compute.servers().toArray()).length === 0, 120_000);
    });
    for (const n of [1, 2]) {
      const { id } = await demo.compute.createServer({ availabilityZone: FAKE_AZ, name: `${tag}-vm${n}`, imageRef: image.id, flavorRef: flavor.id, networks: [{ uuid: networkId }] });
      serverIds.push(id);
      await announce('servers');
      if (n === 1) {
        await sleep(1000);
        assert.equal(step('instances'), false, 'one instance');
      }
    }
    await becomes('instances', true);

    assert.equal(step('console'), false, 'a console opened before this project was made active does not count');
    await vscode.commands.executeCommand('openstack.openConsole', { cloud: 'devcloud', projectId, serverId: serverIds[0], name: `${tag}-vm1` });
    await becomes('console', true);
  });
});
