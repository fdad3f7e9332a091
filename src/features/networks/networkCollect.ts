// The input half of the network commands: multi-step quick inputs (step counter, Back, validation as you type,
// classroom defaults) that end in a Spec for networkActions. Lists are loaded once per command, in the
// background while the first step shows; items that cannot be used are listed with the reason and refused.
import * as vscode from 'vscode';
import type { Server } from '../../openstack/computeModels';
import type { FloatingIp, Network, Port, Router, Subnet } from '../../openstack/networkModels';
import { cliNote, type CliContext } from '../../core/cliLine';
import { copyCli } from '../../ui/commandKit';
import { portChoices, type PortChoice } from '../floatingIps/model/floatingIpTargets';
import type { AssociateSpec, FloatingIpSpec, NetworkSpec, RouterSpec, SubnetFields, SubnetSpec } from './model/networkActions';
import { floatingIpCli, networkCli, routerCli, subnetCli, type CliNames } from './model/networkCli';
import {
  cidrProblem, defaultPool, firstHost, formatIp, formatPool, nameProblem, parseCidr, parseDnsServers, parseGateway, parsePools,
  physicalNetworkProblem, segmentProblem, suggestCidr, suggestName, type ProviderType,
} from './model/networkInputs';
import { MultiStepInput, type Step } from '../../ui/multiStep';
import { Refused } from '../../core/refusals';
import type { Target } from '../../context/target';

/** The project's network resources, each listed at most once per command, on first use. */
export class Lookup {
  private readonly cache = new Map<string, Promise<unknown>>();
  constructor(readonly target: Target) {}

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      this.cache.set(key, p);
      p.catch(() => this.cache.delete(key));
    }
    return p;
  }

  private get net() { return this.target.client.network; }
  networks(): Promise<Network[]> { return this.once('networks', () => this.net.networks().toArray()); }
  subnets(): Promise<Subnet[]> { return this.once('subnets', () => this.net.subnets().toArray()); }
  routers(): Promise<Router[]> { return this.once('routers', () => this.net.routers().toArray()); }
  routerPorts(): Promise<Port[]> { return this.once('routerPorts', () => this.net.routerInterfaces().toArray()); }
  floatingIps(): Promise<FloatingIp[]> { return this.once('floatingIps', () => this.net.floatingIps().toArray()); }
  servers(): Promise<Server[]> { return this.once('servers', () => this.target.client.compute.servers().toArray()); }
  /** Instance ports of the project. */
  serverPorts(): Promise<Port[]> {
    return this.once('serverPorts', async () => (await this.net.ports().toArray()).filter((p) => p.deviceOwner.startsWith('compute:') && this.owns(p)));
  }

  /** Whether the target project owns ITEM (an admin sees every project's). */
  owns(item: { raw: Record<string, unknown> }): boolean {
    return (item.raw.project_id ?? item.raw.tenant_id) === this.target.projectId;
  }

  /** ID → name for names that are unique among what the project sees, for CLI lines. */
  async cliNames(): Promise<CliNames> {
    const settled = await Promise.all([this.networks(), this.subnets(), this.routers()].map((p) => p.catch(() => [] as { id: string; name: string }[])));
    const names = new Map<string, string>();
    for (const list of settled) {
      const count = new Map<string, number>();
      for (const r of list) count.set(r.name, (count.get(r.name) ?? 0) + 1);
      for (const r of list) if (r.name && count.get(r.name) === 1 && !/^[0-9a-f-]{36}$/i.test(r.name)) names.set(r.id, r.name);
    }
    return names;
  }
}

export const label = (r: { id: string; name: string }) => r.name || r.id;

/** A pick item that carries a value; UNUSABLE says why it cannot be chosen (it is shown, and refused). */
export interface Item<T> extends vscode.QuickPickItem {
  value?: T;
  unusable?: string;
}

const separator = <T>(text: string): Item<T> => ({ label: text, kind: vscode.QuickPickItemKind.Separator });

/** Usable items first, then (under a separator) the unusable ones with their reason. */
export function withUnusable<T>(items: Item<T>[], heading = 'Cannot be used'): Item<T>[] {
  const usable = items.filter((i) => !i.unusable);
  const unusable = items.filter((i) => i.unusable).map((i) => ({ ...i, iconPath: new vscode.ThemeIcon('circle-slash'), detail: i.unusable }));
  return unusable.length ? [...usable, separator<T>(heading), ...unusable] : usable;
}

/** A quick pick that refuses unusable items: choosing one shows its reason, and the pick stays open. */
export async function pickUsable<T>(input: MultiStepInput, placeholder: string, items: Item<T>[], active?: (value: T) => boolean): Promise<T> {
  const shown = withUnusable(items);
  const chosen = await input.quickPick({
    placeholder,
    items: shown,
    active: shown.find((i) => !i.unusable && i.value !== undefined && !!active?.(i.value)) ?? shown.find((i) => !i.unusable && i.kind !== vscode.QuickPickItemKind.Separator),
    matchOnDescription: true,
    refuse: (i) => (i.unusable || i.value === undefined ? `${i.label} cannot be used: ${i.unusable ?? 'pick another'}` : undefined),
  });
  return chosen.value as T;
}

/**
 * The last step of a create flow: "Create" (its detail the equivalent CLI lines) or "Copy as openstack CLI",
 * which copies them and asks again.
 */
function confirmStep(what: () => string, cli: () => Promise<string>, context: CliContext): Step {
  return async (input) => {
    let copied = false;
    for (;;) {
      const lines = await cli();
      const create: Item<'create'> = { label: what(), iconPath: new vscode.ThemeIcon('check'), detail: lines.replace(/\n/g, '  ⏎  '), value: 'create' };
      const copy: Item<'copy'> = {
        label: 'Copy as openstack CLI', iconPath: new vscode.ThemeIcon('terminal'), description: 'the equivalent command line(s), to learn or to script',
        detail: cliNote(context), value: 'copy',
      };
      const chosen = await input.quickPick<Item<'create' | 'copy'>>({
        placeholder: copied ? 'Copied to the clipboard. Create it as well?' : 'Create it, or copy the equivalent openstack CLI',
        items: [create, copy],
        active: create,
      });
      if (chosen.value === 'create') return undefined;
      await copyCli(lines, cliNote(context));
      copied = true;
    }
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Subnet steps, shared by Create network and Create subnet

interface SubnetAnswers {
  cidr: string;
  gateway: string;
  dhcp: boolean;
  dns: string;
  pools: string;
}

/** The SubnetFields of ANSWERS (already validated by the steps). */
export function subnetFields(name: string, a: SubnetAnswers): SubnetFields {
  const cidr = parseCidr(a.cidr)!;
  const gw = parseGateway(a.gateway, cidr);
  const gateway = 'gateway' in gw && gw.gateway !== undefined ? gw.gateway : firstHost(cidr);
  const pools = parsePools(a.pools, cidr, gateway);
  const dns = parseDnsServers(a.dns);
  return {
    name, cidr: a.cidr.trim(), ipVersion: cidr.version,
    gatewayIp: gateway === null ? null : gateway.value === firstHost(cidr).value ? undefined : formatIp(gateway),
    enableDhcp: a.dhcp,
    dnsNameservers: 'servers' in dns && dns.servers ? dns.servers : [],
    allocationPools: 'pools' in pools ? pools.pools : undefined,
  };
}

const SUBNET_STEPS = 5;

/** CIDR → gateway → DHCP → DNS → pool, then NEXT. SIBLINGS: the network's subnets (a new range must not overlap them). */
function subnetSteps(a: SubnetAnswers, siblings: () => Promise<Subnet[]>, next: Step): Step {
  const pools: Step = async (input) => {
    const cidr = parseCidr(a.cidr)!;
    const gw = parseGateway(a.gateway, cidr);
    const gateway = 'gateway' in gw && gw.gateway !== undefined ? gw.gateway : null;
    a.pools = await input.inputBox({
      prompt: `Allocation pool(s) for instances' addresses, as start-end[, start-end]; leave empty for the whole range: ${formatPool(defaultPool(cidr, gateway))}`,
      placeholder: formatPool(defaultPool(cidr, gateway)),
      value: a.pools,
      validate: (v) => {
        const r = parsePools(v, cidr, gateway);
        return 'problem' in r ? r.problem : undefined;
      },
    });
    return next;
  };
  const dns: Step = async (input) => {
    a.dns = await input.inputBox({
      prompt: 'DNS servers for the instances (DHCP hands them out), separated by commas; leave empty for none',
      placeholder: 'e.g. 1.1.1.1, 9.9.9.9',
      value: a.dns,
      validate: (v) => {
        const r = parseDnsServers(v);
        return 'problem' in r ? r.problem : undefined;
      },
    });
    return pools;
  };
  const dhcp: Step = async (input) => {
    const on: Item<boolean> = { label: 'DHCP on', description: 'instances get their address automatically (needed by cirros and cloud images)', value: true };
    const off: Item<boolean> = { label: 'DHCP off', description: 'addresses configured by hand, e.g. on an external network', value: false };
    a.dhcp = (await input.quickPick({ placeholder: 'DHCP on the subnet', items: [on, off], active: a.dhcp ? on : off })).value!;
    return dns;
  };
  const gateway: Step = async (input) => {
    const cidr = parseCidr(a.cidr)!;
    a.gateway = await input.inputBox({
      prompt: `Gateway IP in ${a.cidr.trim()} (the router interface takes it), or "none" for no gateway — a router cannot then attach the subnet`,
      placeholder: formatIp(firstHost(cidr)),
      value: a.gateway,
      validate: (v) => {
        const r = parseGateway(v, cidr);
        return 'problem' in r ? r.problem : undefined;
      },
    });
    return dhcp;
  };
  return async (input) => {
    const others = await siblings();
    const before = a.cidr;
    a.cidr = (await input.inputBox({
      prompt: 'The subnet\'s range (CIDR), IPv4 or IPv6; the default is a private /24 no other subnet of the project uses',
      placeholder: 'e.g. 192.168.100.0/24 or fd00:100::/64',
      value: a.cidr,
      validate: (v) => cidrProblem(v, others),
    })).trim();
    // a new range brings its own default gateway (unless one was typed that still fits)
    const cidr = parseCidr(a.cidr)!;
    const prev = parseCidr(before);
    const typed = parseGateway(a.gateway, cidr);
    if (before !== a.cidr && (!prev || a.gateway === formatIp(firstHost(prev)) || 'problem' in typed)) a.gateway = formatIp(firstHost(cidr));
    if (before !== a.cidr) a.pools = '';
    return gateway;
  };
}

function subnetSummary(s: SubnetFields): string {
  return `${s.cidr}${s.gatewayIp === null ? ', no gateway' : ''}${s.enableDhcp ? '' : ', no DHCP'}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Create network

const PROVIDER_NOTE = 'Provider type, physical network, external and shared are for admins: your role in this project is not admin, so they are not offered';

/** Network name → [admin: type → physical network → segment → access] → subnet? → subnet steps → confirm. */
export async function collectNetwork(lookup: Lookup, cli: CliContext): Promise<NetworkSpec> {
  const admin = lookup.target.client.session.isAdmin;
  const taken = { networks: [] as string[], subnets: [] as string[] };
  const names = Promise.all([lookup.networks(), lookup.subnets()]).then(([nets, subs]) => {
    taken.networks = nets.filter((n) => lookup.owns(n) || n.shared || n.external).map((n) => n.name);
    taken.subnets = subs.filter((s) => lookup.owns(s)).map((s) => s.name);
  });
  names.catch(() => undefined);
  const a = {
    name: '', type: undefined as ProviderType | undefined, physnet: '', segment: '', access: 'internal' as 'internal' | 'external' | 'shared' | 'external-shared',
    withSubnet: true, subnet: { cidr: '', gateway: '', dhcp: true, dns: '', pools: '' } as SubnetAnswers,
  };
  const spec = (): NetworkSpec => ({
    name: a.name,
    ...(a.type ? { provider: { type: a.type, physicalNetwork: a.physnet.trim() || undefined, segmentationId: a.segment.trim() ? Number(a.segment) : undefined } } : {}),
    ...(a.access.startsWith('external') ? { external: true } : {}),
    ...(a.access.endsWith('shared') ? { shared: true } : {}),
    ...(a.withSubnet ? { subnet: subnetFields(suggestName(`${a.name}-subnet`, taken.subnets), a.subnet) } : {}),
  });

  const confirm = confirmStep(() => {
    const s = spec();
    return `Create network ${s.name}${s.subnet ? ` with subnet ${subnetSummary(s.subnet)}` : ''}`;
  }, async () => networkCli(cli, spec()), cli);
  const subnet = subnetSteps(a.subnet, async () => [], confirm);
  const withSubnet: Step = async (input) => {
    await names;
    const sub = suggestName(`${a.name}-subnet`, taken.subnets);
    const yes: Item<boolean> = { label: `Create subnet ${sub}`, description: 'instances need one to get an address; a router attaches to it', value: true };
    const no: Item<boolean> = { label: 'No subnet now', description: 'add one later with Create Subnet…', value: false };
    a.withSubnet = (await input.quickPick({ placeholder: 'A subnet in the same go?', items: [yes, no], active: a.withSubnet ? yes : no })).value!;
    if (!a.withSubnet) return confirm;
    if (!a.subnet.cidr) {
      a.subnet.cidr = suggestCidr((await lookup.subnets()).map((s) => s.cidr));
      a.subnet.gateway = formatIp(firstHost(parseCidr(a.subnet.cidr)!));
      a.subnet.dhcp = !a.access.startsWith('external');
    }
    return subnet;
  };
  const access: Step = async (input) => {
    const items: Item<typeof a.access>[] = [
      { label: 'Internal', description: 'this project\'s instances only', value: 'internal' },
      { label: 'External', description: 'router:external — router gateways and floating IPs come from it', value: 'external' },
      { label: 'Shared', description: 'every project can attach instances to it', value: 'shared' },
      { label: 'External and shared', value: 'external-shared' },
    ];
    a.access = (await input.quickPick({ placeholder: 'Who uses the network (admin)', items, active: items.find((i) => i.value === a.access) })).value!;
    return withSubnet;
  };
  const segment: Step = async (input) => {
    const type = a.type!;
    a.segment = await input.inputBox({
      prompt: type === 'vlan' ? 'VLAN ID (1–4094) on the physical network' : 'VXLAN VNI (1–16777215); leave empty and Neutron picks one',
      value: a.segment,
      validate: (v) => segmentProblem(type, v),
    });
    return access;
  };
  const physnet: Step = async (input) => {
    const type = a.type!;
    if (!a.physnet) a.physnet = (await lookup.networks()).map((n) => n.providerPhysicalNetwork).find((p): p is string => !!p) ?? 'physnet1';
    a.physnet = await input.inputBox({
      prompt: `The physical network the ${type} network is on, as named in the ML2 configuration (a network already uses ${a.physnet})`,
      value: a.physnet,
      validate: (v) => physicalNetworkProblem(type, v),
    });
    return type === 'vlan' ? segment : access;
  };
  const type: Step = async (input) => {
    const items: Item<ProviderType | 'default'>[] = [
      { label: 'Project network', description: 'the cloud\'s default type (e.g. VXLAN): what a student\'s private network is', value: 'default' },
      { label: 'Flat', description: 'untagged on a physical network: the usual external network of a lab', value: 'flat' },
      { label: 'VLAN', description: 'a VLAN on a physical network', value: 'vlan' },
      { label: 'VXLAN', description: 'an overlay with a chosen VNI', value: 'vxlan' },
    ];
    const chosen = (await input.quickPick({ placeholder: 'Provider network type (admin)', items, active: items.find((i) => i.value === (a.type ?? 'default')) })).value!;
    a.type = chosen === 'default' ? undefined : chosen;
    if (!a.type) return access;
    return a.type === 'vxlan' ? segment : physnet;
  };
  const name: Step = async (input) => {
    if (!a.name) {
      await names;
      a.name = suggestName('private', taken.networks);
    }
    a.name = (await input.inputBox({
      prompt: admin ? 'Name of the new network' : `Name of the new network · ${PROVIDER_NOTE}`,
      placeholder: admin ? undefined : PROVIDER_NOTE,
      value: a.name,
      validate: (v) => nameProblem(v, 'network', taken.networks),
    })).trim();
    return admin ? type : withSubnet;
  };
  const total = () => {
    const adminSteps = admin ? 2 + (a.type === 'flat' ? 1 : a.type === 'vlan' ? 2 : a.type === 'vxlan' ? 1 : 0) : 0;
    return 1 + adminSteps + 1 + (a.withSubnet ? SUBNET_STEPS : 0) + 1;
  };
  await MultiStepInput.run(admin ? 'Create network' : 'Create network (provider fields: admin only)', total, name);
  return spec();
}

// ---------------------------------------------------------------------------------------------------------------
// Create subnet

function networkItems(lookup: Lookup, networks: Network[], subnets: Subnet[]): Item<Network>[] {
  const admin = lookup.target.client.session.isAdmin;
  return networks.map((n) => ({
    label: label(n),
    description: [subnets.filter((s) => s.networkId === n.id).map((s) => s.cidr).join(', '), n.external && 'external', n.shared && 'shared'].filter(Boolean).join(' · '),
    value: n,
    unusable: !admin && !lookup.owns(n) ? 'belongs to another project: only its owner (or an admin) adds subnets to it' : undefined,
  }));
}

/** [network] → name → subnet steps → confirm. NETWORK: from a network node; else picked first. */
export async function collectSubnet(lookup: Lookup, cli: CliContext, network?: Network): Promise<SubnetSpec> {
  let chosen = network;
  const a = { name: '', subnet: { cidr: '', gateway: '', dhcp: true, dns: '', pools: '' } as SubnetAnswers };
  let takenSubnets: string[] = [];
  const loaded = lookup.subnets().then((subs) => { takenSubnets = subs.filter((s) => lookup.owns(s)).map((s) => s.name); return subs; });
  loaded.catch(() => undefined);
  const spec = (): SubnetSpec => ({ networkId: chosen!.id, ...subnetFields(a.name, a.subnet) });
  const confirm = confirmStep(() => `Create subnet ${a.name} (${subnetSummary(spec())}) on ${label(chosen!)}`, async () => subnetCli(cli, spec(), await lookup.cliNames()), cli);
  const subnet = subnetSteps(a.subnet, async () => (await loaded).filter((s) => s.networkId === chosen!.id), confirm);
  const name: Step = async (input) => {
    const subs = await loaded;
    if (!a.subnet.cidr) {
      a.subnet.cidr = suggestCidr(subs.map((s) => s.cidr));
      a.subnet.gateway = formatIp(firstHost(parseCidr(a.subnet.cidr)!));
      a.subnet.dhcp = !chosen!.external;
    }
    if (!a.name) a.name = suggestName(`${label(chosen!)}-subnet`, takenSubnets);
    a.name = (await input.inputBox({ prompt: `Name of the new subnet on ${label(chosen!)}`, value: a.name, validate: (v) => nameProblem(v, 'subnet', takenSubnets) })).trim();
    return subnet;
  };
  const pickNetwork: Step = async (input) => {
    const [nets, subs] = await Promise.all([lookup.networks(), loaded]);
    const previous = chosen;
    chosen = await pickUsable(input, 'The network to add a subnet to', networkItems(lookup, nets, subs), (n) => n.id === chosen?.id);
    if (previous && previous.id !== chosen.id) a.name = '';
    return name;
  };
  await MultiStepInput.run('Create subnet', () => (network ? 0 : 1) + 1 + SUBNET_STEPS + 1, network ? name : pickNetwork);
  return spec();
}

// ---------------------------------------------------------------------------------------------------------------
// Routers

/** Subnets as router interface candidates: without a gateway IP, or already attached, they cannot be used. */
export function interfaceItems(subnets: Subnet[], routers: Router[], routerPorts: Port[], networks: Network[], forRouter?: string): Item<Subnet>[] {
  const routerNames = new Map(routers.map((r) => [r.id, label(r)]));
  const netNames = new Map(networks.map((n) => [n.id, label(n)]));
  const external = new Set(networks.filter((n) => n.external).map((n) => n.id));
  return subnets.filter((s) => !external.has(s.networkId)).map((s) => {
    const attached = routerPorts.filter((p) => p.fixedIps.some((ip) => ip.subnetId === s.id)).map((p) => p.deviceId);
    let unusable: string | undefined;
    if (!s.gatewayIp) unusable = 'no gateway IP: a router interface takes the subnet\'s gateway address (create the subnet with a gateway)';
    else if (forRouter && attached.includes(forRouter)) unusable = 'already attached to this router';
    else if (attached.length) unusable = `already attached to router ${routerNames.get(attached[0]) ?? attached[0]}, which holds its gateway IP`;
    return {
      label: label(s), description: `${s.cidr}${s.gatewayIp ? ` · gw ${s.gatewayIp}` : ''} · network ${netNames.get(s.networkId) ?? s.networkId}`, value: s, unusable,
    };
  });
}

function externalItems(networks: Network[], subnets: Subnet[]): Item<Network>[] {
  return networks.filter((n) => n.external).map((n) => ({
    label: label(n), description: subnets.filter((s) => s.networkId === n.id).map((s) => s.cidr).join(', ') || 'external network', value: n,
  }));
}

/** Name → external gateway → a subnet to attach → confirm. */
export async function collectRouter(lookup: Lookup, cli: CliContext): Promise<RouterSpec> {
  let taken: string[] = [];
  const a = { name: '', gateway: undefined as string | undefined, gatewayChosen: false, subnetId: undefined as string | undefined };
  const loaded = lookup.routers().then((rs) => { taken = rs.filter((r) => lookup.owns(r)).map((r) => r.name); });
  loaded.catch(() => undefined);
  const spec = (): RouterSpec => ({ name: a.name, gatewayNetworkId: a.gateway, subnetIds: a.subnetId ? [a.subnetId] : [] });
  const confirm = confirmStep(() => `Create router ${a.name}${a.gateway ? ' with an external gateway' : ''}${a.subnetId ? ' and an interface' : ''}`,
    async () => routerCli(cli, spec(), await lookup.cliNames()), cli);
  const subnet: Step = async (input) => {
    const [subnets, routers, ports, networks] = await Promise.all([lookup.subnets(), lookup.routers(), lookup.routerPorts(), lookup.networks()]);
    const none: Item<string> = { label: 'No interface now', description: 'add one later with Add Router Interface…', value: '' };
    const items = [none, ...interfaceItems(subnets.filter((s) => lookup.owns(s)), routers, ports, networks).map((i) => ({ ...i, value: i.value?.id }))];
    const chosen = await pickUsable<string>(input, 'Connect a subnet (its instances reach the external network through the router)', items, (id) => id === (a.subnetId ?? ''));
    a.subnetId = chosen || undefined;
    return confirm;
  };
  const gateway: Step = async (input) => {
    const [networks, subnets] = await Promise.all([lookup.networks(), lookup.subnets()]);
    const externals = externalItems(networks, subnets).map((i) => ({ ...i, value: i.value?.id }));
    const none: Item<string> = { label: 'No external gateway', description: 'instances behind it cannot get floating IPs', value: '' };
    if (!a.gatewayChosen) a.gateway = externals[0]?.value;
    const chosen = await pickUsable<string>(input, 'External gateway: the network floating IPs come from', [...externals, none], (id) => id === (a.gateway ?? ''));
    a.gateway = chosen || undefined;
    a.gatewayChosen = true;
    return subnet;
  };
  const name: Step = async (input) => {
    if (!a.name) {
      await loaded;
      a.name = suggestName('router1', taken);
    }
    a.name = (await input.inputBox({ prompt: 'Name of the new router', value: a.name, validate: (v) => nameProblem(v, 'router', taken) })).trim();
    return gateway;
  };
  await MultiStepInput.run('Create router', () => 4, name);
  return spec();
}

/** One pick: the external network for ROUTER's gateway. */
export async function collectGateway(lookup: Lookup, router: Router): Promise<string> {
  let id = router.gateway?.networkId;
  await MultiStepInput.run(`Set gateway of ${label(router)}`, () => 1, async (input) => {
    const [networks, subnets] = await Promise.all([lookup.networks(), lookup.subnets()]);
    const items = externalItems(networks, subnets).map((i) => ({ ...i, value: i.value?.id }));
    if (!items.length) items.push({ label: 'No external network', unusable: 'this cloud has no router:external network: an admin creates one', value: '' });
    id = await pickUsable<string>(input, 'The external network for the router\'s gateway', items, (v) => v === id);
    return undefined;
  });
  return id!;
}

/** One pick: the subnet to attach to ROUTER. */
/** The subnet to attach to ROUTER; PREFERRED (a refusal's fix names it) is preselected. */
export async function collectInterface(lookup: Lookup, router: Router, preferredSubnetId?: string): Promise<Subnet> {
  let subnet: Subnet | undefined;
  await MultiStepInput.run(`Add interface to ${label(router)}`, () => 1, async (input) => {
    const [subnets, routers, ports, networks] = await Promise.all([lookup.subnets(), lookup.routers(), lookup.routerPorts(), lookup.networks()]);
    const items = interfaceItems(subnets, routers, ports, networks, router.id);
    subnet = await pickUsable(input, 'The subnet to connect (the interface takes its gateway IP)', items, (s) => s.id === preferredSubnetId);
    return undefined;
  });
  return subnet!;
}

// ---------------------------------------------------------------------------------------------------------------
// Floating IPs

/** External network (→ confirm). */
export async function collectFloatingIp(lookup: Lookup, cli: CliContext): Promise<FloatingIpSpec> {
  let networkId: string | undefined;
  const spec = (): FloatingIpSpec => ({ floatingNetworkId: networkId! });
  const confirm = confirmStep(() => 'Allocate a floating IP', async () => floatingIpCli(cli, spec(), await lookup.cliNames()), cli);
  const pool: Step = async (input) => {
    const [networks, subnets] = await Promise.all([lookup.networks(), lookup.subnets()]);
    const items = externalItems(networks, subnets);
    if (!items.length) items.push({ label: 'No external network', unusable: 'this cloud has no router:external network: an admin creates one' });
    networkId = (await pickUsable(input, 'The external network (pool) to allocate from', items, (n) => n.id === networkId)).id;
    return confirm;
  };
  await MultiStepInput.run('Allocate floating IP', () => 2, pool);
  return spec();
}

function serverAddresses(s: Server): string {
  return s.addresses.map((a) => a.addr).join(', ');
}

/**
 * Instance → (its port/address when it has several) for FIP. Instances whose addresses no router joins to the
 * FIP's network are listed with the reason, and so are the addresses.
 */
export async function collectAssociate(lookup: Lookup, fip: FloatingIp): Promise<AssociateSpec> {
  let server: Server | undefined;
  let choice: PortChoice | undefined;
  const topology = async () => {
    const [routerPorts, routers, subnets, floatingIps, networks] = await Promise.all([
      lookup.routerPorts(), lookup.routers(), lookup.subnets(), lookup.floatingIps(), lookup.networks(),
    ]);
    return { routerPorts, routers, subnets, floatingIps, networkNames: new Map(networks.map((n) => [n.id, label(n)])) };
  };
  const choicesOf = async (s: Server) => portChoices((await lookup.serverPorts()).filter((p) => p.deviceId === s.id), fip.floatingNetworkId, await topology());
  const port: Step = async (input) => {
    const choices = await choicesOf(server!);
    const items: Item<PortChoice>[] = choices.map((c) => ({
      label: c.fixedIp.ipAddress,
      description: `port ${c.port.name || c.port.id.slice(0, 8)}${c.router ? ` · via router ${label(c.router)}` : ''}`,
      value: c,
      unusable: c.unusable,
    }));
    choice = await pickUsable(input, `The address of ${label(server!)} that ${fip.floatingIpAddress} should reach`, items,
      (c) => c.port.id === choice?.port.id && c.fixedIp.ipAddress === choice.fixedIp.ipAddress);
    return undefined;
  };
  let total = 2;
  const instance: Step = async (input) => {
    const [servers, ports] = await Promise.all([lookup.servers(), lookup.serverPorts()]);
    const topo = await topology();
    const items: Item<Server>[] = servers.map((s) => {
      const choices = portChoices(ports.filter((p) => p.deviceId === s.id), fip.floatingNetworkId, topo);
      const usable = choices.filter((c) => !c.unusable);
      return {
        label: label(s), description: `${serverAddresses(s)} · ${s.status}`, value: s,
        unusable: choices.length === 0 ? 'has no network port' : usable.length === 0 ? [...new Set(choices.map((c) => c.unusable))].join('; ') : undefined,
      };
    });
    server = await pickUsable(input, `The instance ${fip.floatingIpAddress} should reach`, items, (s) => s.id === server?.id);
    const choices = await choicesOf(server);
    const usable = choices.filter((c) => !c.unusable);
    // one usable address and nothing else to show: no second step
    if (choices.length === 1 && usable.length === 1) {
      choice = usable[0];
      total = 1;
      return undefined;
    }
    total = 2;
    return port;
  };
  await MultiStepInput.run(`Associate ${fip.floatingIpAddress}`, () => total, instance);
  const c = choice!;
  return { floatingIpId: fip.id, portId: c.port.id, fixedIpAddress: c.port.fixedIps.length > 1 ? c.fixedIp.ipAddress : undefined };
}

// ---------------------------------------------------------------------------------------------------------------
// Picks of one resource, for palette invocations

export async function pickOne<T>(title: string, placeholder: string, load: () => Promise<Item<T>[]>, empty: string): Promise<T> {
  const items = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `${title}: loading…` }, load);
  if (!items.length) throw new Refused(empty);
  let value: T | undefined;
  await MultiStepInput.run(title, () => 1, async (input) => {
    value = await pickUsable(input, placeholder, items);
    return undefined;
  });
  return value!;
}
