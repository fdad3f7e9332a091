// The network half of "build the student's cloud from the editor": networks, subnets, routers and floating IPs,
// from the palette (the active cloud and project) and from the tree's nodes (their cloud and project). Each
// command collects its input first (networkCollect), then runs under a cancellable progress (networkActions),
// then reloads the tree's categories it changed.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { FloatingIp, Network, Router, Subnet } from '../../openstack/networkModels';
import {
  addRouterInterface, allocateFloatingIp, assignFloatingIp, associateFloatingIp, createNetwork, createRouter, createSubnet, deleteResource,
  disassociateFloatingIp, executeTeardown, serverFloatingIps, planTeardown, removeRouterInterface, setRouterGateway, type Category, type DeleteKind, type TeardownPlan,
  type TeardownStep,
} from './model/networkActions';
import { associateCli, floatingIpCli, networkCli, routerCli, routerGatewayCli, routerInterfaceCli, subnetCli } from './model/networkCli';
import { collectNetwork, collectSubnet, label, Lookup } from './networkCollect';
import { collectAssociate, collectFloatingIp } from '../floatingIps/floatingIpCollect';
import { collectGateway, collectInterface, collectRouter } from '../routers/routerCollect';
import { pickServer } from '../instances/pickServer';
import { pickFloatingIp } from '../floatingIps/pickFloatingIp';
import { pickOne, type Item } from '../../ui/pickers';
import { cliNote } from '../../core/cliLine';
import { Refused } from '../../core/refusals';
import { OpenStackError } from '../../openstack/errors';
import { confirm, done, type ProjectCommandDeps } from '../../ui/commandKit';
import { registerCommand, withProgress } from '../../ui/runCommand';
import { projectContext, type ProjectContext } from '../../context/target';
import { type Target } from '../../core/target';
import { nodeOf } from '../../ui/tree/nodeLike';

/** A router's "Gateway: ext" child (not a resource node: it has no kind) carries its router node. */
function gatewayNodeRouter(arg: unknown): Router | undefined {
  const routerNode = (arg as { routerNode?: unknown } | undefined)?.routerNode;
  return nodeOf(routerNode, 'router')?.router;
}

export function registerNetworkCommands(deps: ProjectCommandDeps): vscode.Disposable[] {
  const c = new NetworkCommands(deps);
  const command = (id: string, handler: (node?: unknown) => Promise<unknown>) => registerCommand(deps.log, id, (node?: unknown) => handler.call(c, node));
  return [
    command('openstack.createNetwork', c.createNetwork),
    command('openstack.createSubnet', c.createSubnet),
    command('openstack.deleteNetwork', c.deleteNetwork),
    command('openstack.deleteSubnet', c.deleteSubnet),
    command('openstack.createRouter', c.createRouter),
    command('openstack.setRouterGateway', c.setRouterGateway),
    command('openstack.clearRouterGateway', c.clearRouterGateway),
    command('openstack.addRouterInterface', c.addRouterInterface),
    command('openstack.removeRouterInterface', c.removeRouterInterface),
    command('openstack.deleteRouter', c.deleteRouter),
    command('openstack.teardownRouter', c.teardownRouter),
    command('openstack.allocateFloatingIp', c.allocateFloatingIp),
    command('openstack.associateFloatingIp', c.associateFloatingIp),
    command('openstack.assignFloatingIp', c.assignFloatingIp),
    command('openstack.disassociateFloatingIp', c.disassociateFloatingIp),
    command('openstack.releaseFloatingIp', c.releaseFloatingIp),
  ];
}

class NetworkCommands {
  constructor(private readonly deps: ProjectCommandDeps) {}

  private target(node: unknown): Promise<ProjectContext> {
    return projectContext(node, this.deps);
  }

  /**
   * Runs WORK under a cancellable progress, then reloads CATEGORIES; after a failure only if something may have
   * changed: not after a refusal found before sending, nor after the service refused (4xx) a WORK that is one
   * change (STEPS 'one'); a WORK of several steps may have done the first ones.
   */
  private async run<T>(title: string, target: Target, categories: Category[], work: (signal: AbortSignal, report: (message: string) => void) => Promise<T>, steps: 'one' | 'several' = 'one'): Promise<T> {
    const reload = () => Promise.all(categories.map((kind) => this.deps.explorer.refreshCategory(target.cloud, target.projectId, kind)));
    let result: T;
    try {
      result = await withProgress(title, work);
    } catch (err) {
      if (!changedNothing(err, steps)) await reload();
      throw err;
    }
    await reload();
    return result;
  }

  // --- networks and subnets -------------------------------------------------------------------------------------

  async createNetwork(node?: unknown): Promise<Network> {
    const target = await this.target(node);
    const cli = await target.cli();
    const spec = await collectNetwork(new Lookup(target), cli);
    const { network, subnet } = await this.run(l10n.t('Creating network {0}…', spec.name), target, ['networks'], (signal) => createNetwork(spec, target, signal));
    done(subnet ? l10n.t('Created network {0} with subnet {1} ({2}).', label(network), label(subnet), subnet.cidr) : l10n.t('Created network {0}.', label(network)), networkCli(cli, spec), cliNote(cli));
    return network;
  }

  async createSubnet(node?: unknown): Promise<Subnet> {
    const target = await this.target(node);
    const cli = await target.cli();
    const lookup = new Lookup(target);
    const spec = await collectSubnet(lookup, cli, nodeOf(node, 'network')?.network);
    const subnet = await this.run(l10n.t('Creating subnet {0}…', spec.name), target, ['networks'], (signal) => createSubnet(spec, target, signal));
    done(l10n.t('Created subnet {0} ({1}).', label(subnet), subnet.cidr), subnetCli(cli, spec, await lookup.cliNames()), cliNote(cli));
    return subnet;
  }

  async deleteNetwork(node?: unknown): Promise<void> {
    const target = await this.target(node);
    const lookup = new Lookup(target);
    const fromNode = nodeOf(node, 'network');
    const network = fromNode?.network ?? await pickOne(l10n.t('Delete network'), l10n.t('The network to delete'), async () => {
      const [nets, subs] = await Promise.all([lookup.networks(), lookup.subnets()]);
      return nets.filter((n) => lookup.owns(n)).map((n) => ({ label: label(n), description: subs.filter((s) => s.networkId === n.id).map((s) => s.cidr).join(', '), value: n }));
    }, l10n.t('This project has no network of its own to delete.'));
    const subnets = fromNode?.subnets ?? (await lookup.subnets()).filter((s) => s.networkId === network.id);
    const subnetList = subnets.map((s) => `${label(s)} (${s.cidr})`).join(', ');
    const question = subnets.length === 0 ? l10n.t('Delete network {0}?', label(network))
      : subnets.length === 1 ? l10n.t('Delete network {0} and its subnet {1}?', label(network), subnetList)
        : l10n.t('Delete network {0} and its subnets {1}?', label(network), subnetList);
    await confirm(question, l10n.t('Instances and router interfaces on it must be gone first: Neutron refuses while ports use it.'), l10n.t('Delete'));
    await this.delete('network', network.id, label(network), target, ['networks']);
  }

  async deleteSubnet(node?: unknown): Promise<void> {
    const target = await this.target(node);
    const lookup = new Lookup(target);
    const subnet = nodeOf(node, 'subnet')?.subnet ?? await pickOne(l10n.t('Delete subnet'), l10n.t('The subnet to delete'), async () =>
      (await lookup.subnets()).filter((s) => lookup.owns(s)).map((s) => ({ label: label(s), description: s.cidr, value: s })), l10n.t('This project has no subnet of its own to delete.'));
    await confirm(l10n.t('Delete subnet {0} ({1})?', label(subnet), subnet.cidr), l10n.t('Instances and router interfaces on it must be gone first.'), l10n.t('Delete'));
    await this.delete('subnet', subnet.id, label(subnet), target, ['networks']);
  }

  private async delete(kind: DeleteKind, id: string, name: string, target: Target, categories: Category[]): Promise<void> {
    const [progress, finished] = {
      network: [l10n.t('Deleting network {0}…', name), l10n.t('Deleted network {0}.', name)],
      subnet: [l10n.t('Deleting subnet {0}…', name), l10n.t('Deleted subnet {0}.', name)],
      router: [l10n.t('Deleting router {0}…', name), l10n.t('Deleted router {0}.', name)],
      floatingIp: [l10n.t('Releasing floating IP {0}…', name), l10n.t('Released floating IP {0}.', name)],
    }[kind];
    await this.run(progress, target, categories, (signal) => deleteResource(kind, id, target, signal));
    done(finished);
  }

  // --- routers --------------------------------------------------------------------------------------------------

  private async router(node: unknown, lookup: Lookup, title: string, filter: (r: Router) => boolean = () => true, empty = l10n.t('This project has no router.')): Promise<Router> {
    const fromNode = nodeOf(node, 'router')?.router ?? nodeOf(node, 'routerInterface')?.routerNode.router ?? gatewayNodeRouter(node);
    if (fromNode) return fromNode;
    return pickOne(title, l10n.t('The router'), async () => {
      const [routers, networks] = await Promise.all([lookup.routers(), lookup.networks()]);
      const names = new Map(networks.map((n) => [n.id, label(n)]));
      return routers.filter((r) => lookup.owns(r) && filter(r)).map((r) => ({
        label: label(r), description: r.gateway ? l10n.t('gateway {0}', names.get(r.gateway.networkId) ?? r.gateway.networkId) : l10n.t('no gateway'), value: r,
      }));
    }, empty);
  }

  async createRouter(node?: unknown): Promise<Router> {
    const target = await this.target(node);
    const cli = await target.cli();
    const lookup = new Lookup(target);
    const spec = await collectRouter(lookup, cli);
    const router = await this.run(l10n.t('Creating router {0}…', spec.name), target, ['routers'], (signal) => createRouter(spec, target, signal), 'several');
    done(createdRouterMessage(label(router), !!spec.gatewayNetworkId, spec.subnetIds.length > 0),
      routerCli(cli, spec, await lookup.cliNames()), cliNote(cli));
    return router;
  }

  async setRouterGateway(node?: unknown): Promise<Router> {
    const target = await this.target(node);
    const lookup = new Lookup(target);
    const router = await this.router(node, lookup, l10n.t('Set router gateway'));
    const networkId = await collectGateway(lookup, router);
    const updated = await this.run(l10n.t('Setting the gateway of {0}…', label(router)), target, ['routers'], (signal) => setRouterGateway(router.id, networkId, target, signal));
    done(l10n.t('Router {0} now has its gateway on {1}.', label(router), label((await lookup.networks()).find((n) => n.id === networkId) ?? { id: networkId, name: '' })),
      routerGatewayCli(await target.cli(), label(router), networkId, await lookup.cliNames()), cliNote(await target.cli()));
    return updated;
  }

  async clearRouterGateway(node?: unknown): Promise<Router> {
    const target = await this.target(node);
    const lookup = new Lookup(target);
    const router = await this.router(node, lookup, l10n.t('Clear router gateway'), (r) => !!r.gateway, l10n.t('No router of this project has a gateway.'));
    const updated = await this.run(l10n.t('Clearing the gateway of {0}…', label(router)), target, ['routers'], (signal) => setRouterGateway(router.id, undefined, target, signal));
    done(l10n.t('Cleared the gateway of router {0}.', label(router)));
    return updated;
  }

  async addRouterInterface(node?: unknown): Promise<{ portId: string }> {
    const target = await this.target(node);
    const lookup = new Lookup(target);
    const router = await this.router(node, lookup, l10n.t('Add router interface'));
    const subnet = await collectInterface(lookup, router, nodeOf(node, 'router')?.subnetId);
    const result = await this.run(l10n.t('Connecting {0} to {1}…', label(subnet), label(router)), target, ['routers'], (signal) => addRouterInterface(router.id, subnet.id, target, signal));
    done(l10n.t('Router {0} now has an interface on {1} ({2}).', label(router), label(subnet), subnet.gatewayIp ?? ''),
      routerInterfaceCli(await target.cli(), label(router), subnet.id, true, await lookup.cliNames()), cliNote(await target.cli()));
    return result;
  }

  async removeRouterInterface(node?: unknown): Promise<void> {
    const target = await this.target(node);
    const lookup = new Lookup(target);
    const router = await this.router(node, lookup, l10n.t('Remove router interface'), () => true);
    const port = nodeOf(node, 'routerInterface')?.port ?? await pickOne(l10n.t('Remove interface of {0}', label(router)), l10n.t('The interface to remove'), async () => {
      const [ports, subnets] = await Promise.all([lookup.routerPorts(), lookup.subnets()]);
      const names = new Map(subnets.map((s) => [s.id, `${label(s)} (${s.cidr})`]));
      return ports.filter((p) => p.deviceId === router.id).map((p) => ({
        label: p.fixedIps.map((ip) => names.get(ip.subnetId) ?? ip.subnetId).join(', '), description: p.fixedIps.map((ip) => ip.ipAddress).join(', '), value: p,
      }));
    }, l10n.t('Router {0} has no interface.', label(router)));
    await this.run(l10n.t('Removing the interface from {0}…', label(router)), target, ['routers'], (signal) => removeRouterInterface(router.id, port.id, target, signal));
    done(l10n.t('Removed interface {0} from router {1}.', port.fixedIps.map((ip) => ip.ipAddress).join(', '), label(router)));
  }

  async deleteRouter(node?: unknown): Promise<void> {
    const target = await this.target(node);
    const router = await this.router(node, new Lookup(target), l10n.t('Delete router'));
    await confirm(l10n.t('Delete router {0}?', label(router)), l10n.t('Neutron refuses while it has interfaces: Tear Down Router removes them first.'), l10n.t('Delete'));
    await this.delete('router', router.id, label(router), target, ['routers']);
  }

  async teardownRouter(node?: unknown): Promise<void> {
    const target = await this.target(node);
    const lookup = new Lookup(target);
    const router = await this.router(node, lookup, l10n.t('Tear down router'));
    const [plan, subnets, networks] = await withProgress(l10n.t('Looking at router {0}…', label(router)), (signal) =>
      Promise.all([planTeardown(router.id, target, signal), lookup.subnets(), lookup.networks()]));
    const describe = teardownDescriber(subnets, networks);
    await confirm(plan.steps.length > 1 ? l10n.t('Tear down router {0}? This takes {1} steps:', label(plan.router), plan.steps.length)
      : l10n.t('Tear down router {0}? This takes 1 step:', label(plan.router)),
      plan.steps.map((s, i) => `${i + 1}. ${describe(s, plan)}`).join('\n'), l10n.t('Tear Down'));
    await this.run(l10n.t('Tearing down router {0}…', label(plan.router)), target, ['routers', 'floatingIps', 'servers'], (signal, report) =>
      executeTeardown(plan, target, signal, (step, i) => report(`${i + 1}/${plan.steps.length}: ${describe(step, plan)}`)), 'several');
    done(l10n.t('Tore down router {0}.', label(plan.router)));
  }

  // --- floating IPs ---------------------------------------------------------------------------------------------

  private floatingIp(node: unknown, target: Target, title: string, keep: (f: FloatingIp) => boolean, empty: string): Promise<FloatingIp> {
    return Promise.resolve(nodeOf(node, 'floatingIp')?.fip ?? pickFloatingIp(target, { title, keep, empty }));
  }

  async allocateFloatingIp(node?: unknown): Promise<FloatingIp> {
    const target = await this.target(node);
    const cli = await target.cli();
    const lookup = new Lookup(target);
    const spec = await collectFloatingIp(lookup, cli);
    const fip = await this.run(l10n.t('Allocating a floating IP…'), target, ['floatingIps'], (signal) => allocateFloatingIp(spec, target, signal));
    done(l10n.t('Allocated floating IP {0}.', fip.floatingIpAddress), floatingIpCli(cli, spec, await lookup.cliNames()), cliNote(cli));
    return fip;
  }

  async associateFloatingIp(node?: unknown): Promise<FloatingIp> {
    const target = await this.target(node);
    const lookup = new Lookup(target);
    const fip = await this.floatingIp(node, target, l10n.t('Associate floating IP'), (f) => !f.portId, l10n.t('This project has no free floating IP: allocate one first.'));
    if (fip.portId) throw new Refused(l10n.t('{0} is already associated (with {1}): disassociate it first.', fip.floatingIpAddress, fip.fixedIpAddress ?? fip.portId));
    const spec = await collectAssociate(lookup, fip);
    const updated = await this.run(l10n.t('Associating {0}…', fip.floatingIpAddress), target, ['floatingIps', 'servers'], (signal) => associateFloatingIp(spec, target, signal));
    done(l10n.t('{0} now reaches {1}.', fip.floatingIpAddress, updated.fixedIpAddress ?? spec.portId), associateCli(await target.cli(), spec, fip.floatingIpAddress), cliNote(await target.cli()));
    return updated;
  }

  async assignFloatingIp(node?: unknown): Promise<FloatingIp> {
    const target = await this.target(node);
    const server = nodeOf(node, 'server')?.server ?? await pickServer(target.client, {
      title: l10n.t('Assign floating IP'), placeholder: l10n.t('The instance to reach from outside'),
      empty: l10n.t('Every instance of this project has a floating IP already (or there is none).'),
      keep: (s) => !s.addresses.some((a) => a.type === 'floating'),
    });
    const { floatingIp, reused } = await this.run(l10n.t('Assigning a floating IP to {0}…', label(server)), target, ['floatingIps', 'servers'],
      (signal) => assignFloatingIp(server.id, label(server), target, signal));
    done(reused ? l10n.t('{0} is reachable at {1} (a free floating IP of the project, reused).', label(server), floatingIp.floatingIpAddress)
      : l10n.t('{0} is reachable at {1} (newly allocated).', label(server), floatingIp.floatingIpAddress));
    return floatingIp;
  }

  async disassociateFloatingIp(node?: unknown): Promise<FloatingIp> {
    const target = await this.target(node);
    const server = nodeOf(node, 'server')?.server;
    let fip: FloatingIp;
    if (server) {
      const mine = await serverFloatingIps(server.id, target);
      if (!mine.length) throw new Refused(l10n.t('{0} has no floating IP (any more): refresh the Instances view.', label(server)));
      fip = mine.length === 1 ? mine[0] : await pickOne(l10n.t('Disassociate from {0}', label(server)), l10n.t('The floating IP'),
        async () => mine.map((f): Item<FloatingIp> => ({ label: f.floatingIpAddress, description: `→ ${f.fixedIpAddress ?? ''}`, value: f })), '');
    } else {
      fip = await this.floatingIp(node, target, l10n.t('Disassociate floating IP'), (f) => !!f.portId, l10n.t('No floating IP of this project is associated.'));
    }
    const updated = await this.run(l10n.t('Disassociating {0}…', fip.floatingIpAddress), target, ['floatingIps', 'servers'], (signal) => disassociateFloatingIp(fip.id, target, signal));
    done(l10n.t('{0} is free again (still allocated to the project).', fip.floatingIpAddress));
    return updated;
  }

  async releaseFloatingIp(node?: unknown): Promise<void> {
    const target = await this.target(node);
    const fip = await this.floatingIp(node, target, l10n.t('Release floating IP'), () => true, l10n.t('This project has no floating IP.'));
    const pool = l10n.t('The address goes back to the pool: the project may not get the same one again.');
    await confirm(l10n.t('Release floating IP {0}?', fip.floatingIpAddress),
      fip.portId ? `${l10n.t('It reaches {0} now and is disassociated too.', fip.fixedIpAddress ?? fip.portId)} ${pool}` : pool, l10n.t('Release'));
    await this.delete('floatingIp', fip.id, fip.floatingIpAddress, target, ['floatingIps', 'servers']);
  }
}

/** "Created router r1 with its external gateway and an interface.": what Create router made. */
function createdRouterMessage(name: string, gateway: boolean, subnet: boolean): string {
  if (gateway && subnet) return l10n.t('Created router {0} with its external gateway and an interface.', name);
  if (gateway) return l10n.t('Created router {0} with its external gateway.', name);
  if (subnet) return l10n.t('Created router {0} and an interface.', name);
  return l10n.t('Created router {0}.', name);
}

/** A tear-down step in words, naming subnets and networks. */
export function teardownDescriber(subnets: Subnet[], networks: Network[]): (step: TeardownStep, plan: TeardownPlan) => string {
  const subnetNames = new Map(subnets.map((s) => [s.id, `${label(s)} (${s.cidr})`]));
  const networkNames = new Map(networks.map((n) => [n.id, label(n)]));
  return (step, plan) => {
    switch (step.kind) {
      case 'disassociate': return l10n.t('Disassociate floating IP {0} from {1}', step.floatingIp.floatingIpAddress, step.floatingIp.fixedIpAddress ?? step.floatingIp.portId ?? '');
      case 'removeInterface': return l10n.t('Remove the interface on {0} ({1})', step.subnets.map((id) => subnetNames.get(id) ?? id).join(', '), step.port.fixedIps.map((ip) => ip.ipAddress).join(', '));
      case 'clearGateway': return l10n.t('Clear the external gateway on {0}', networkNames.get(step.networkId) ?? step.networkId);
      case 'delete': return l10n.t('Delete router {0}', label(plan.router));
    }
  };
}

/** A refusal found before sending, or one change the service refused (HTTP 4xx): nothing to reload. */
function changedNothing(err: unknown, steps: 'one' | 'several'): boolean {
  if (err instanceof Refused) return true;
  return steps === 'one' && err instanceof OpenStackError && err.kind === 'http' && err.status !== undefined && err.status >= 400 && err.status < 500;
}
