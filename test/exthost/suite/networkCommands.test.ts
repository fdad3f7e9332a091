/// <reference types="mocha" />
// The network commands against the real dev cloud, in the real extension host: target resolution from tree
// nodes and the active cloud, each command's execute() verified through the API and the tree, Neutron's
// refusals provoked for real and mapped to their messages, the one-click commands run end to end from tree
// nodes, and one multi-step collection (Create network) driven through the workbench's real quick input.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { OpenStackExplorerApi } from '../../../src/extension';
import { explorerApi } from './api';
import type { OpenStackClient } from '../../../src/openstack/client';
import type { Network, Subnet } from '../../../src/openstack/networkModels';
import {
  addRouterInterface, allocateFloatingIp, assignFloatingIp, associateFloatingIp, createNetwork, createRouter, createSubnet, deleteResource, disassociateFloatingIp,
  executeTeardown, planTeardown, removeRouterInterface, setRouterGateway,
} from '../../../src/features/networks/model/networkActions';
import { collectNetwork, Lookup } from '../../../src/features/networks/networkCollect';
import { collectInterface } from '../../../src/features/routers/routerCollect';
import { networkCli, routerCli } from '../../../src/features/networks/model/networkCli';
import { registerNetworkCommands } from '../../../src/features/networks/networkCommands';
import { explainRefusal } from '../../../src/core/refusals';
import { Cancelled } from '../../../src/core/cancelled';
import { cliContextOf, resolveTarget } from '../../../src/context/target';
import { type Target } from '../../../src/core/target';
import { accept, spyPrompts } from './prompts';
import { pickFloatingIp } from '../../../src/features/floatingIps/pickFloatingIp';
import { FAKE_AZ, GUEST_IMAGE, until } from '../../support/devcloud';
import { label, treeQueries } from './treeQueries';

const tag = `netcmd${Date.now() % 100000}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const run = promisify(execFile);

/** The refusal message the user would see for what PROMISE rejects with. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(() => assert.fail('expected a refusal'), (e: unknown) => e);
  const explained = explainRefusal(err);
  assert.ok(explained, `no refusal rule for: ${err instanceof Error ? err.message : String(err)}`);
  return explained.message;
}


describe('Network commands on the dev cloud', function () {
  this.timeout(180_000);
  let api: OpenStackExplorerApi;
  let demo: OpenStackClient;
  let target: Target;
  let ext: Network;
  const undo: (() => Promise<unknown>)[] = [];
  const registrations: vscode.Disposable[] = [];

  const { children, child } = treeQueries(() => api);
  const category = async (name: string) => child(await child(await child(undefined, 'devcloud'), 'demo'), name);

  before(async () => {
    api = await explorerApi();
    demo = await api.registry.client('devcloud');
    ext = (await demo.network.networks({ external: true }).toArray()).find((n) => n.name === 'ext')!;
    assert.ok(ext, 'the dev cloud has its external network ext');
    target = await resolveTarget(await category('Networks'), { active: api.active });
    // until src/extension.ts registers them, the suite registers the commands itself (on the extension's tree)
    if (!(await vscode.commands.getCommands(true)).includes('openstack.assignFloatingIp')) {
      const log = vscode.window.createOutputChannel('OpenStack network commands (test)', { log: true });
      registrations.push(log, ...registerNetworkCommands({ log, explorer: api.explorer, active: api.active, registry: api.registry }));
    }
  });

  after(async () => {
    for (const step of undo.splice(0).reverse()) await step().catch((err: unknown) => console.error('cleanup:', err));
    vscode.Disposable.from(...registrations).dispose();
  });

  it('resolves the target from a tree node (its project) and from the palette (the active cloud), and says when there is no cloud', async () => {
    assert.equal(target.cloud, 'devcloud');
    assert.equal(target.projectId, demo.session.projectId);
    // a resource the dev cloud always has, not whatever the project's first instance is (it may have none)
    const flavor = await resolveTarget(await child(await category('Flavors'), 'm1.tiny'), { active: api.active });
    assert.equal(flavor.projectId, demo.session.projectId, 'a resource node resolves through its category');
    const palette = await resolveTarget(undefined, { active: api.active });
    assert.equal(palette.cloud, 'devcloud', 'OS_CLOUD=devcloud is the active cloud');
    assert.equal(palette.projectId, demo.session.projectId);
    await assert.rejects(resolveTarget(undefined, { active: { cloud: undefined, client: () => Promise.reject(new Error('unused')) } }),
      /There is no OpenStack cloud yet: add one with "OpenStack: Add Cloud…"/);
    const cli = await cliContextOf(target, api.registry);
    assert.deepEqual(cli, { cloud: 'devcloud', projectId: undefined });
  });

  it('creates a network with its subnet, and the Networks category shows it at once', async () => {
    const spec = {
      name: `${tag}-net`,
      subnet: { name: `${tag}-subnet`, cidr: '10.201.0.0/24', ipVersion: 4 as const, enableDhcp: false, dnsNameservers: ['1.1.1.1'], allocationPools: [{ start: '10.201.0.10', end: '10.201.0.99' }] },
    };
    await children(await category('Networks'));   // loaded before, as a user would have it
    const { network, subnet } = await createNetwork(spec, target);
    undo.push(() => deleteResource('network', network.id, target));
    assert.ok(subnet);
    const [s] = await demo.network.subnets({ networkId: network.id }).toArray();
    assert.deepEqual([s.cidr, s.gatewayIp, s.enableDhcp, s.dnsNameservers, s.allocationPools],
      ['10.201.0.0/24', '10.201.0.1', false, ['1.1.1.1'], [{ start: '10.201.0.10', end: '10.201.0.99' }]]);
    await api.explorer.refreshCategory(target.cloud, target.projectId, 'networks');
    const node = await child(await category('Networks'), `${tag}-net`);
    assert.match(String(node.treeItem().description), /^10\.201\.0\.0\/24/);
  });

  it('refuses a taken name before sending, and a second subnet overlapping the first (Neutron)', async () => {
    assert.equal(await refusal(createNetwork({ name: `${tag}-net` }, target)),
      `A network named '${tag}-net' already exists in this project: choose another name, so that it (and the openstack CLI) can tell them apart.`);
    const [network] = await demo.network.networks({ name: `${tag}-net` }).toArray();
    const message = await refusal(createSubnet({ networkId: network.id, name: `${tag}-overlap`, cidr: '10.201.0.128/25', ipVersion: 4, enableDhcp: true, dnsNameservers: [] }, target));
    assert.match(message, /^10\.201\.0\.128\/25 overlaps a subnet already on this network: pick another range, e\.g\. the next \/24\. \(Neutron said: Invalid input for operation: Requested subnet with cidr: 10\.201\.0\.128\/25 for network: [\w-]+ overlaps with another subnet\.\)$/);
  });

  it('refuses a member\'s flat provider network with 403, naming the admin-only fields', async () => {
    const message = await refusal(createNetwork({ name: `${tag}-flat`, provider: { type: 'flat', physicalNetwork: 'physnet1' }, external: true }, target));
    assert.match(message, /^Only an admin may set router:external, provider:network_type, provider:physical_network \(provider fields, external and shared networks are admin-only by default\)/);
    assert.equal((await demo.network.networks({ name: `${tag}-flat` }).toArray()).length, 0, 'nothing was created');
  });

  it('creates a router with its gateway and an interface; refuses a subnet without gateway; removes the interface; tears it down', async () => {
    const [network] = await demo.network.networks({ name: `${tag}-net` }).toArray();
    const [subnet] = await demo.network.subnets({ networkId: network.id }).toArray();
    const nogw = await createSubnet({ networkId: network.id, name: `${tag}-nogw`, cidr: '10.202.0.0/24', ipVersion: 4, gatewayIp: null, enableDhcp: true, dnsNameservers: [] }, target);
    const router = await createRouter({ name: `${tag}-router`, gatewayNetworkId: ext.id, subnetIds: [subnet.id] }, target);
    undo.push(() => demo.network.router(router.id).then(async () => executeTeardown(await planTeardown(router.id, target), target)).catch(() => undefined));
    assert.equal((await demo.network.router(router.id)).gateway?.networkId, ext.id);
    const ifaces = await demo.network.ports({ deviceId: router.id, deviceOwner: 'network:router_interface' }).toArray();
    assert.deepEqual(ifaces.map((p) => p.fixedIps[0].ipAddress), ['10.201.0.1'], 'the interface took the subnet\'s gateway IP');

    assert.equal(await refusal(addRouterInterface(router.id, nogw.id, target)),
      'A router interface takes the subnet\'s gateway IP, and this subnet was created without one (gateway "none"): create a subnet with a gateway (the default) and attach that one. (Neutron said: Bad router request: Subnet for router interface must have a gateway IP.)');
    assert.match(await refusal(deleteResource('router', router.id, target)), /^The router still has interfaces on subnets: remove them first, or use Tear Down Router/);
    assert.equal(explainRefusal(await deleteResource('router', router.id, target).catch((e: unknown) => e))?.fix?.command, 'openstack.teardownRouter');

    await setRouterGateway(router.id, undefined, target);
    assert.equal((await demo.network.router(router.id)).gateway, undefined, 'gateway cleared');
    await setRouterGateway(router.id, ext.id, target);
    await removeRouterInterface(router.id, ifaces[0].id, target);
    assert.equal((await demo.network.ports({ deviceId: router.id, deviceOwner: 'network:router_interface' }).toArray()).length, 0);
    await addRouterInterface(router.id, subnet.id, target);

    const plan = await planTeardown(router.id, target);
    assert.deepEqual(plan.steps.map((s) => s.kind), ['removeInterface', 'clearGateway', 'delete']);
    const reported: string[] = [];
    await executeTeardown(plan, target, undefined, (s) => reported.push(s.kind));
    assert.deepEqual(reported, ['removeInterface', 'clearGateway', 'delete']);
    await assert.rejects(demo.network.router(router.id), /404|not be found|could not be found/i);
    await deleteResource('subnet', nogw.id, target);
  });

  it('lists subnets without a gateway, and attached ones, as unusable with the reason, and refuses them in the pick', async () => {
    const [network] = await demo.network.networks({ name: `${tag}-net` }).toArray();
    const [subnet] = await demo.network.subnets({ networkId: network.id }).toArray();
    const nogw = await createSubnet({ networkId: network.id, name: `${tag}-nogw2`, cidr: '10.203.0.0/24', ipVersion: 4, gatewayIp: null, enableDhcp: true, dnsNameservers: [] }, target);
    undo.push(() => deleteResource('subnet', nogw.id, target));
    const router = await createRouter({ name: `${tag}-pick`, subnetIds: [subnet.id] }, target);
    const teardown = async () => executeTeardown(await planTeardown(router.id, target), target);
    undo.push(() => teardown().catch(() => undefined));
    const { when, restore } = spyPrompts();
    try {
      const picked = collectInterface(new Lookup(target), router);
      const pick = await when(1) as vscode.QuickPick<vscode.QuickPickItem>;
      assert.equal(pick.title, `Add interface to ${tag}-pick (1/1)`);
      const item = (name: string) => pick.items.find((i) => i.label.endsWith(name));
      assert.equal(item(`${tag}-nogw2`)?.label, `${tag}-nogw2`);
      assert.equal((item(`${tag}-nogw2`)?.iconPath as vscode.ThemeIcon | undefined)?.id, 'circle-slash', 'marked by its icon, not by text in its label');
      assert.equal(item(`${tag}-nogw2`)?.detail, 'no gateway IP: a router interface takes the subnet\'s gateway address (create the subnet with a gateway)');
      assert.equal(item(`${tag}-subnet`)?.detail, 'already attached to this router');
      const cannot = pick.items.findIndex((i) => i.kind === vscode.QuickPickItemKind.Separator);
      assert.ok(cannot >= 0 && pick.items.indexOf(item(`${tag}-nogw2`)!) > cannot, 'unusable subnets come after the "Cannot be used" separator');
      pick.activeItems = [item(`${tag}-nogw2`)!];
      await sleep(300);
      await accept();
      await sleep(400);
      assert.match(pick.placeholder ?? '', new RegExp(`^${tag}-nogw2 cannot be used: no gateway IP`));
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await assert.rejects(picked, Cancelled);
    } finally {
      restore();
    }
    // one subnet on the network again, for the instance below
    await teardown();
    await deleteResource('subnet', nogw.id, target);
  });

  it('refuses a floating IP for a port no router reaches (Neutron\'s ExternalGatewayForFloatingIPNotFound)', async () => {
    const [network] = await demo.network.networks({ name: `${tag}-net` }).toArray();
    const [subnet] = await demo.network.subnets({ networkId: network.id }).toArray();
    const port = await demo.network.createPort({ networkId: network.id, name: `${tag}-port`, fixedIps: [{ subnetId: subnet.id }] });
    undo.push(() => demo.network.deletePort(port.id));
    const fip = await allocateFloatingIp({ floatingNetworkId: ext.id, description: tag }, target);
    undo.push(() => deleteResource('floatingIp', fip.id, target));
    assert.equal(fip.floatingNetworkId, ext.id);
    // said from a look at the routers after the refusal: the subnet by name and range, and the fix for the router
    // that exists (the shared demo project may have one)
    const message = await refusal(associateFloatingIp({ floatingIpId: fip.id, portId: port.id }, target));
    const subnetText = `${subnet.name} \\(${subnet.cidr.replace(/\./g, '\\.')}\\)`;
    assert.match(message.split(' (Neutron said')[0],
      new RegExp(`^No router connects subnet ${subnetText}: (create a router with a gateway on the external network and an interface on the subnet|add an interface on it to router .+)\\.$`));
    // with the router in place the same association works, and disassociates
    const router = await createRouter({ name: `${tag}-r2`, gatewayNetworkId: ext.id, subnetIds: [subnet.id] }, target);
    undo.push(async () => executeTeardown(await planTeardown(router.id, target), target));
    const associated = await associateFloatingIp({ floatingIpId: fip.id, portId: port.id }, target);
    assert.equal(associated.portId, port.id);
    assert.equal(associated.routerId, router.id);
    // tearing the router down first disassociates the floating IP it carries
    const plan = await planTeardown(router.id, target);
    assert.deepEqual(plan.steps.map((s) => s.kind), ['disassociate', 'removeInterface', 'clearGateway', 'delete']);
    await executeTeardown(plan, target);
    assert.equal((await demo.network.floatingIps({ portId: port.id }).toArray()).length, 0, 'disassociated');
    assert.equal((await demo.network.routers({ name: `${tag}-r2` }).toArray()).length, 0, 'deleted');
    // disassociating what is free already is harmless
    assert.equal((await disassociateFloatingIp(fip.id, target)).portId, null);
  });

  it('refuses a new network over the project\'s quota (a fresh project with a network quota of 1)', async function () {
    this.timeout(240_000);
    const env = { ...process.env, PATH: `/usr/bin:/bin:${process.env.PATH ?? ''}` };
    const os = (...args: string[]) => run('openstack', ['--os-cloud', 'devcloud-admin', ...args], { env });
    const projectId = (await os('project', 'create', '-f', 'value', '-c', 'id', `${tag}-quota`)).stdout.trim();
    undo.push(() => os('project', 'delete', projectId));
    await os('role', 'add', '--user', 'demo', '--project', projectId, 'member');
    await os('quota', 'set', '--networks', '1', projectId);
    const scoped: Target = { cloud: 'devcloud', projectId, client: await api.registry.projectClient('devcloud', projectId) };
    const first = await createNetwork({ name: `${tag}-q1` }, scoped);
    undo.push(() => deleteResource('network', first.network.id, scoped));
    assert.equal(await refusal(createNetwork({ name: `${tag}-q2` }, scoped)),
      'The project\'s network quota is used up: delete networks you no longer need, or ask an admin to raise the quota. (Neutron said: Quota exceeded for resources: [\'network\'].)');
  });

  it('assigns a floating IP to an instance in one click from its tree node, shows it at once, and disassociates it; a change Neutron refuses reloads no category', async function () {
    // a busy compute node (the bench's servers) can take minutes to give the instance its port
    this.timeout(420_000);
    // its own network, so that it runs alone too
    const { network, subnet } = await createNetwork({ name: `${tag}-fipnet`, subnet: { name: `${tag}-fipsubnet`, cidr: '10.205.0.0/24', ipVersion: 4, enableDhcp: false, dnsNameservers: [] } }, target);
    undo.push(() => deleteResource('network', network.id, target));
    assert.ok(subnet);
    const image = (await demo.image.images({ name: GUEST_IMAGE }).toArray())[0];
    const flavor = (await demo.compute.flavors().toArray()).find((f) => f.name === 'm1.tiny')!;
    const server = await demo.compute.createServer({ availabilityZone: FAKE_AZ, name: `${tag}-vm`, imageRef: image.id, flavorRef: flavor.id, networks: [{ uuid: network.id }] });
    undo.push(async () => {
      await demo.compute.deleteServer(server.id);
      for (let i = 0; i < 120 && (await demo.network.ports({ deviceId: server.id }).toArray()).length; i++) await sleep(1000);
    });
    for (let i = 0; i < 360 && !(await demo.network.ports({ deviceId: server.id }).toArray()).length; i++) await sleep(1000);
    const instances = await category('Instances');
    await api.explorer.refresh(instances);
    const node = await child(instances, `${tag}-vm`);
    assert.doesNotMatch(String(node.treeItem().contextValue), /has-floating-ip/);

    // no router on its subnet yet: refused, naming the address and the subnet; the fix depends on whether the
    // (shared) demo project has a router already
    const subnetText = `${subnet.name} \\(${subnet.cidr.replace(/\./g, '\\.')}\\)`;
    assert.match(await refusal(assignFloatingIp(server.id, `${tag}-vm`, target)), new RegExp(`^No floating IP can reach ${tag}-vm: 10\\.205\\.0\\.\\d+: no router connects subnet ${subnetText}: (create a router with a gateway on the external network and an interface on the subnet|add an interface on it to router .+)\\.$`));

    const router = await createRouter({ name: `${tag}-r3`, gatewayNetworkId: ext.id, subnetIds: [subnet.id] }, target);
    undo.push(async () => executeTeardown(await planTeardown(router.id, target), target));
    const fip = await vscode.commands.executeCommand<{ id: string; floatingIpAddress: string; portId: string } | undefined>('openstack.assignFloatingIp', node);
    assert.ok(fip, 'the command returns the floating IP');
    undo.push(() => deleteResource('floatingIp', fip.id, target));
    assert.match(fip.floatingIpAddress, /^172\.24\.4\.\d+$/);
    const [port] = await demo.network.ports({ deviceId: server.id }).toArray();
    assert.equal(fip.portId, port.id);
    // the tree shows it at once: the Floating IPs category and the instance (Neutron's word, before Nova's)
    await child(await category('Floating IPs'), fip.floatingIpAddress);
    assert.match(String((await child(await category('Instances'), `${tag}-vm`)).treeItem().contextValue), /has-floating-ip/);

    // disassociate from the instance node, then assign again: the free floating IP is reused, not a new one allocated
    const vmNode = await child(await category('Instances'), `${tag}-vm`);
    const freed = await vscode.commands.executeCommand<{ portId: string | null }>('openstack.disassociateFloatingIp', vmNode);
    assert.equal(freed?.portId, null);
    const again = await vscode.commands.executeCommand<{ id: string }>('openstack.assignFloatingIp', await child(await category('Instances'), `${tag}-vm`));
    assert.equal(again?.id, fip.id, 'the project\'s free floating IP was reused');
    await pickedFromThePalette(fip.id, port.fixedIps[0].ipAddress);
    // clear the router's gateway from its tree node: Neutron refuses while a floating IP needs it
    const routerNode = await child(await category('Routers'), `${tag}-r3`);
    assert.match(String(routerNode.treeItem().contextValue), /has-gateway/);
    const message = await refusal(setRouterGateway(router.id, undefined, target));
    assert.match(message, /^Floating IPs still reach instances through this router: disassociate them first/);

    // the same through the command: Neutron refused one change, so no category reloads; one it made reloads what it changed
    const reloads: string[] = [];
    const refreshCategory = api.explorer.refreshCategory;
    api.explorer.refreshCategory = (cloud, projectId, kind) => {
      reloads.push(kind);
      return refreshCategory.call(api.explorer, cloud, projectId, kind);
    };
    try {
      await vscode.commands.executeCommand('openstack.clearRouterGateway', await child(await category('Routers'), `${tag}-r3`));
      assert.ok((await demo.network.router(router.id)).gateway, 'Neutron kept the gateway');
      assert.deepEqual(reloads, [], 'a change Neutron refused reloaded no category');
      await vscode.commands.executeCommand('openstack.disassociateFloatingIp', await child(await category('Instances'), `${tag}-vm`));
      assert.deepEqual(reloads, ['floatingIps', 'servers']);
    } finally {
      api.explorer.refreshCategory = refreshCategory;
    }
  });

  /**
   * The palette's floating IP pick, a page (of 1) at a time: ASSOCIATED (reaching `${tag}-vm` at FIXED) and a free
   * one, in address order, each saying what it reaches (the instance by name when the first page of instances holds
   * it, else its fixed address); the chosen one is returned.
   */
  async function pickedFromThePalette(associated: string, fixed: string): Promise<void> {
    const free = await allocateFloatingIp({ floatingNetworkId: ext.id, description: tag }, target);
    undo.push(() => deleteResource('floatingIp', free.id, target));
    const ours = new Set([associated, free.id]);
    // Neutron sorts the addresses as text
    const expected = (await demo.network.floatingIps().toArray()).filter((f) => ours.has(f.id)).sort((a, b) => (a.floatingIpAddress < b.floatingIpAddress ? -1 : 1));
    const [firstInstance] = (await demo.compute.servers({ limit: 1, byName: true }).firstPage()).items;
    const config = vscode.workspace.getConfiguration('openstack');
    await config.update('pageSize', 1, vscode.ConfigurationTarget.Global);
    const prompts = spyPrompts();
    try {
      const picking = pickFloatingIp(target, { title: `${tag} fip`, empty: 'none', keep: (f) => ours.has(f.id) });
      await until('the pick shown', async () => prompts.prompts.length === 1, 30_000, 10);
      const pick = prompts.prompts[0] as vscode.QuickPick<vscode.QuickPickItem>;
      await until('both listed, the pick no longer busy', async () => !pick.busy && pick.items.length === 2, 60_000, 50);
      const reaches = `→ ${firstInstance?.name === `${tag}-vm` ? `${tag}-vm` : fixed}`;
      assert.deepEqual(pick.items.map((i) => [i.label, i.description]),
        expected.map((f) => [f.floatingIpAddress, f.id === associated ? reaches : 'not associated']));
      const at = expected.findIndex((f) => f.id === associated);
      pick.activeItems = [pick.items[at]];
      await sleep(300);
      await accept();
      assert.equal((await picking).id, associated);
    } finally {
      prompts.restore();
      await config.update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    }
  }

  it('prints Copy as openstack CLI lines that a POSIX shell runs as they are, with the same result', async function () {
    this.timeout(240_000);
    const name = `${tag} it's "cli" $HOME`;
    const spec = {
      name,
      subnet: { name: `${name}-subnet`, cidr: '10.204.0.0/24', ipVersion: 4 as const, gatewayIp: '10.204.0.254', enableDhcp: false, dnsNameservers: ['9.9.9.9'], allocationPools: [{ start: '10.204.0.10', end: '10.204.0.20' }] },
    };
    const cli = await cliContextOf(target, api.registry);
    const env = { ...process.env, PATH: `/usr/bin:/bin:${process.env.PATH ?? ''}` };
    await run('sh', ['-c', networkCli(cli, spec)], { env });
    const [network] = await demo.network.networks({ name }).toArray();
    assert.ok(network, 'the CLI created the network under the exact name');
    undo.push(() => deleteResource('network', network.id, target));
    const [s] = await demo.network.subnets({ networkId: network.id }).toArray();
    assert.deepEqual([s.name, s.cidr, s.gatewayIp, s.enableDhcp, s.dnsNameservers, s.allocationPools],
      [`${name}-subnet`, '10.204.0.0/24', '10.204.0.254', false, ['9.9.9.9'], [{ start: '10.204.0.10', end: '10.204.0.20' }]]);
    const names = await new Lookup(target).cliNames();
    const routerSpec = { name: `${tag}-cli-router`, gatewayNetworkId: ext.id, subnetIds: [s.id] };
    await run('sh', ['-c', routerCli(cli, routerSpec, names)], { env });
    const [router] = await demo.network.routers({ name: routerSpec.name }).toArray();
    undo.push(async () => executeTeardown(await planTeardown(router.id, target), target));
    assert.equal(router.gateway?.networkId, ext.id);
    const ifaces = await demo.network.ports({ deviceId: router.id, deviceOwner: 'network:router_interface' }).toArray();
    assert.deepEqual(ifaces.map((p) => p.fixedIps[0].ipAddress), ['10.204.0.254']);
    // Clear Gateway from the router's "Gateway: ext" child in the tree: the router node says so at once
    const routers = await category('Routers');
    await api.explorer.refresh(routers);
    const gatewayNode = (await children(await child(routers, routerSpec.name)))[0];
    assert.equal(label(gatewayNode), 'Gateway: ext');
    await vscode.commands.executeCommand('openstack.clearRouterGateway', gatewayNode);
    assert.equal((await demo.network.router(router.id)).gateway, undefined);
    assert.match(String((await child(await category('Routers'), routerSpec.name)).treeItem().contextValue), /\bno-gateway\b/);
    await executeTeardown(await planTeardown(router.id, target), target);
  });

  it('offers an admin the provider steps: a flat external network on the physical network in use, as the CLI would create it', async () => {
    const adminProject = (await children(await child(undefined, 'devcloud-admin')))[0];
    const admin = await resolveTarget(await child(adminProject, 'Networks'), { active: api.active });
    assert.equal(admin.client.session.isAdmin, true);
    const { prompts, when, restore } = spyPrompts();
    try {
      const collected = collectNetwork(new Lookup(admin), await cliContextOf(admin, api.registry));
      const name = await when(1) as vscode.InputBox;
      assert.equal(name.title, 'Create network (1/10)', 'admin: no note; type, access and the subnet steps count');
      assert.equal(name.prompt, 'Name of the new network');
      name.value = `${tag}-public`;
      await accept();
      const type = await when(2) as vscode.QuickPick<vscode.QuickPickItem>;
      assert.deepEqual(type.items.map((i) => i.label), ['Project network', 'Flat', 'VLAN', 'VXLAN']);
      type.activeItems = [type.items[1]];
      await sleep(300);
      await accept();
      const physnet = await when(3) as vscode.InputBox;
      assert.equal(physnet.title, 'Create network (3/11)', 'flat adds the physical network');
      assert.equal(physnet.value, 'physnet1', 'the physical network ext is on');
      await accept();
      const access = await when(4) as vscode.QuickPick<vscode.QuickPickItem>;
      access.activeItems = [access.items[1]];   // External
      await sleep(300);
      await accept();
      const withSubnet = await when(5) as vscode.QuickPick<vscode.QuickPickItem>;
      withSubnet.activeItems = [withSubnet.items[1]];   // No subnet now
      await sleep(300);
      await accept();
      const confirm = await when(6) as vscode.QuickPick<vscode.QuickPickItem>;
      assert.equal(confirm.title, 'Create network (6/6)');
      assert.equal(confirm.activeItems[0]?.detail,
        `openstack --os-cloud devcloud-admin network create --provider-network-type flat --provider-physical-network physnet1 --external ${tag}-public`);
      // not created: one flat network per physical network, and ext has physnet1
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await assert.rejects(collected, Cancelled);
      assert.equal(prompts.length, 6);
    } finally {
      restore();
    }
  });

  it('collects Create network through the real quick input: steps, Back, validation, defaults, and the CLI line', async () => {
    const { prompts, when, restore } = spyPrompts();
    try {
      const cli = await cliContextOf(target, api.registry);
      const collected = collectNetwork(new Lookup(target), cli);
      // 1: the name, with the note on the provider fields a member does not get
      const name = await when(1) as vscode.InputBox;
      assert.equal(name.title, 'Create network (provider fields: admin only) (1/8)');
      assert.match(name.prompt ?? '', /Provider type, physical network, external and shared are for admins: your role in this project is not admin/);
      assert.match(name.value, /^private(-\d+)?$/, 'a free classroom name');
      name.value = `${tag}-net`;   // taken: Enter is refused with the reason
      await accept();
      await sleep(400);
      assert.equal(name.validationMessage, `A network named '${tag}-net' already exists in this project: choose another name (e.g. ${tag}-net-2)`);
      assert.equal(prompts.length, 1, 'still on the first step');
      name.value = `${tag}-ui`;
      await accept();
      // 2: a subnet in the same go (default yes)
      const withSubnet = await when(2) as vscode.QuickPick<vscode.QuickPickItem>;
      assert.equal(withSubnet.title, 'Create network (provider fields: admin only) (2/8)');
      assert.equal(withSubnet.activeItems[0]?.label, `Create subnet ${tag}-ui-subnet`);
      await accept();
      // 3: the CIDR: a free classroom /24 by default; host bits are refused
      const cidr = await when(3) as vscode.InputBox;
      assert.match(cidr.value, /^192\.168\.\d+\.0\/24$/);
      const suggested = cidr.value;
      cidr.value = '192.168.77.9/24';
      await accept();
      await sleep(400);
      assert.equal(cidr.validationMessage, 'The address has host bits set for a /24: the network is 192.168.77.0/24');
      // Back to step 2 shows its answer, then forward again
      await vscode.commands.executeCommand('workbench.action.quickInputBack');
      const again = await when(4) as vscode.QuickPick<vscode.QuickPickItem>;
      assert.equal(again.title, 'Create network (provider fields: admin only) (2/8)');
      await accept();
      const cidr2 = await when(5) as vscode.InputBox;
      assert.equal(cidr2.value, suggested, 'the last accepted answer (a refused one is not kept)');
      cidr2.value = suggested;
      await accept();
      // 4: gateway (first address), 5: DHCP on, 6: DNS, 7: pool
      const gateway = await when(6) as vscode.InputBox;
      assert.equal(gateway.value, suggested.replace(/0\/24$/, '1'));
      gateway.value = suggested.replace(/0\/24$/, '255');
      await accept();
      await sleep(400);
      assert.match(gateway.validationMessage as string, /is the broadcast address: use another/);
      gateway.value = 'none';
      await accept();
      await when(7);
      await accept();   // DHCP on
      const dns = await when(8) as vscode.InputBox;
      dns.value = '1.1.1.1, 9.9.9.9';
      await accept();
      const pool = await when(9) as vscode.InputBox;
      assert.equal(pool.placeholder, suggested.replace(/0\/24$/, '1-') + suggested.replace(/0\/24$/, '254'), 'without a gateway the pool starts at .1');
      await accept();
      // 8: the summary, with the CLI lines as its detail
      const confirm = await when(10) as vscode.QuickPick<vscode.QuickPickItem>;
      assert.equal(confirm.title, 'Create network (provider fields: admin only) (8/8)');
      const expectedCli = [
        `openstack --os-cloud devcloud network create ${tag}-ui`,
        `openstack --os-cloud devcloud subnet create --network ${tag}-ui --subnet-range ${suggested} --gateway none --dns-nameserver 1.1.1.1 --dns-nameserver 9.9.9.9 ${tag}-ui-subnet`,
      ];
      assert.equal(confirm.activeItems[0]?.detail, expectedCli.join('  ⏎  '));
      // Copy as openstack CLI, then Create
      confirm.activeItems = [confirm.items[1]];
      await sleep(300);
      await accept();
      const confirmAgain = await when(11) as vscode.QuickPick<vscode.QuickPickItem>;
      assert.equal(confirmAgain.placeholder, 'Copied to the clipboard. Create it as well?');
      assert.equal(await vscode.env.clipboard.readText(), expectedCli.join('\n'));
      await accept();
      const spec = await collected;
      assert.deepEqual(spec, {
        name: `${tag}-ui`,
        subnet: { name: `${tag}-ui-subnet`, cidr: suggested, ipVersion: 4, gatewayIp: null, enableDhcp: true, dnsNameservers: ['1.1.1.1', '9.9.9.9'], allocationPools: undefined },
      });
      assert.equal(networkCli(cli, spec), expectedCli.join('\n'));
      // what was collected is what gets created
      const { network, subnet } = await createNetwork(spec, target);
      undo.push(() => deleteResource('network', network.id, target));
      assert.equal((subnet as Subnet).gatewayIp, null);
      // and Escape cancels a collection
      const cancelled = collectNetwork(new Lookup(target), cli);
      await when(12);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await assert.rejects(cancelled, Cancelled);
    } finally {
      restore();
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
  });
});
