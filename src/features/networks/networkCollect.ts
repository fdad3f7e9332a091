// The input half of the network commands: multi-step quick inputs (step counter, Back, validation as you type,
// classroom defaults) that end in a Spec for networkActions. Lists are loaded once per command, in the
// background while the first step shows; items that cannot be used are listed with the reason and refused.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { Server } from '../../openstack/computeModels';
import type { FloatingIp, Network, Port, Router, Subnet } from '../../openstack/networkModels';
import { cliNote, type CliContext } from '../../core/cliLine';
import { copyCli } from '../../ui/commandKit';
import type { NetworkSpec, SubnetFields, SubnetSpec } from './model/networkActions';
import { uniqueNames, type CliNames } from '../../core/cliLine';
import { networkCli, subnetCli } from './model/networkCli';
import {
  cidrProblem, defaultPool, firstHost, formatPool, nameProblem, parseCidr, parseDnsServers, parseGateway, parsePools, physicalNetworkProblem, segmentProblem, suggestCidr, suggestName, type ProviderType,
} from './model/networkInputs';
import { formatIp } from '../../core/ip';
import { runFlow, type FlowStep } from '../../ui/flow';
import type { Target } from '../../core/target';
import { pickUsable, type Item } from '../../ui/pickers';
import { ownedBy } from '../../core/ownership';

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
    return ownedBy(item, this.target.projectId);
  }

  /** ID → name for names that are unique among what the project sees, for CLI lines. */
  async cliNames(): Promise<CliNames> {
    const settled = await Promise.all([this.networks(), this.subnets(), this.routers()].map((p) => p.catch(() => [] as { id: string; name: string }[])));
    return uniqueNames(...settled);
  }
}

export const label = (r: { id: string; name: string }) => r.name || r.id;

/**
 * The last step of a create flow: "Create" (its detail the equivalent CLI lines) or "Copy as openstack CLI",
 * which copies them and asks again.
 */
export function confirmStep(what: () => string, cli: () => Promise<string>, context: CliContext): FlowStep<unknown> {
  return {
    async ask(input) {
      let copied = false;
      for (;;) {
        const lines = await cli();
        const create: Item<'create'> = { label: what(), iconPath: new vscode.ThemeIcon('check'), detail: lines.replace(/\n/g, '  ⏎  '), value: 'create' };
        const copy: Item<'copy'> = {
          label: l10n.t('Copy as openstack CLI'), iconPath: new vscode.ThemeIcon('terminal'), description: l10n.t('the equivalent command line(s), to learn or to script'),
          detail: cliNote(context), value: 'copy',
        };
        const chosen = await input.quickPick<Item<'create' | 'copy'>>({
          placeholder: copied ? l10n.t('Copied to the clipboard. Create it as well?') : l10n.t('Create it, or copy the equivalent openstack CLI'),
          items: [create, copy],
          active: create,
        });
        if (chosen.value === 'create') return;
        await copyCli(lines, cliNote(context));
        copied = true;
      }
    },
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

/** CIDR → gateway → DHCP → DNS → pool, each shown when WHEN holds. SIBLINGS: the network's subnets (a new range must not overlap them). */
function subnetSteps(a: SubnetAnswers, siblings: () => Promise<Subnet[]>, when: () => boolean = () => true): FlowStep<unknown>[] {
  const cidrStep: FlowStep<unknown> = {
    when,
    async ask(input) {
      const others = await siblings();
      const before = a.cidr;
      a.cidr = (await input.inputBox({
        prompt: l10n.t('The subnet\'s range (CIDR), IPv4 or IPv6; the default is a private /24 no other subnet of the project uses'),
        placeholder: l10n.t('e.g. {0} or {1}', '192.168.100.0/24', 'fd00:100::/64'),
        value: a.cidr,
        validate: (v) => cidrProblem(v, others),
      })).trim();
      // a new range brings its own default gateway (unless one was typed that still fits)
      const cidr = parseCidr(a.cidr)!;
      const prev = parseCidr(before);
      const typed = parseGateway(a.gateway, cidr);
      if (before !== a.cidr && (!prev || a.gateway === formatIp(firstHost(prev)) || 'problem' in typed)) a.gateway = formatIp(firstHost(cidr));
      if (before !== a.cidr) a.pools = '';
    },
  };
  const gateway: FlowStep<unknown> = {
    when,
    async ask(input) {
      const cidr = parseCidr(a.cidr)!;
      a.gateway = await input.inputBox({
        prompt: l10n.t('Gateway IP in {0} (the router interface takes it), or "none" for no gateway — a router cannot then attach the subnet', a.cidr.trim()),
        placeholder: formatIp(firstHost(cidr)),
        value: a.gateway,
        validate: (v) => {
          const r = parseGateway(v, cidr);
          return 'problem' in r ? r.problem : undefined;
        },
      });
    },
  };
  const dhcp: FlowStep<unknown> = {
    when,
    async ask(input) {
      const on: Item<boolean> = { label: l10n.t('DHCP on'), description: l10n.t('instances get their address automatically (needed by cirros and cloud images)'), value: true };
      const off: Item<boolean> = { label: l10n.t('DHCP off'), description: l10n.t('addresses configured by hand, e.g. on an external network'), value: false };
      a.dhcp = (await input.quickPick({ placeholder: l10n.t('DHCP on the subnet'), items: [on, off], active: a.dhcp ? on : off })).value;
    },
  };
  const dns: FlowStep<unknown> = {
    when,
    async ask(input) {
      a.dns = await input.inputBox({
        prompt: l10n.t('DNS servers for the instances (DHCP hands them out), separated by commas; leave empty for none'),
        placeholder: l10n.t('e.g. {0}', '1.1.1.1, 9.9.9.9'),
        value: a.dns,
        validate: (v) => {
          const r = parseDnsServers(v);
          return 'problem' in r ? r.problem : undefined;
        },
      });
    },
  };
  const pools: FlowStep<unknown> = {
    when,
    async ask(input) {
      const cidr = parseCidr(a.cidr)!;
      const gw = parseGateway(a.gateway, cidr);
      const gatewayIp = 'gateway' in gw && gw.gateway !== undefined ? gw.gateway : null;
      a.pools = await input.inputBox({
        prompt: l10n.t('Allocation pool(s) for instances\' addresses, as start-end[, start-end]; leave empty for the whole range: {0}', formatPool(defaultPool(cidr, gatewayIp))),
        placeholder: formatPool(defaultPool(cidr, gatewayIp)),
        value: a.pools,
        validate: (v) => {
          const r = parsePools(v, cidr, gatewayIp);
          return 'problem' in r ? r.problem : undefined;
        },
      });
    },
  };
  return [cidrStep, gateway, dhcp, dns, pools];
}

function subnetSummary(s: SubnetFields): string {
  return [s.cidr, s.gatewayIp === null && l10n.t('no gateway'), !s.enableDhcp && l10n.t('no DHCP')].filter(Boolean).join(', ');
}

// ---------------------------------------------------------------------------------------------------------------
// Create network

const providerNote = () => l10n.t('Provider type, physical network, external and shared are for admins: your role in this project is not admin, so they are not offered');

/** The answers of Create network, with what the steps look up. */
interface NetworkAnswers {
  lookup: Lookup;
  admin: boolean;
  /** Names the project already uses, once NAMES has settled. */
  taken: { networks: string[]; subnets: string[] };
  names: Promise<void>;
  name: string;
  type?: ProviderType;
  physnet: string;
  segment: string;
  access: 'internal' | 'external' | 'shared' | 'external-shared';
  withSubnet: boolean;
  subnet: SubnetAnswers;
}

const networkNameStep: FlowStep<NetworkAnswers> = {
  async ask(input, a) {
    if (!a.name) {
      await a.names;
      a.name = suggestName('private', a.taken.networks);
    }
    a.name = (await input.inputBox({
      prompt: a.admin ? l10n.t('Name of the new network') : `${l10n.t('Name of the new network')} · ${providerNote()}`,
      placeholder: a.admin ? undefined : providerNote(),
      value: a.name,
      validate: (v) => nameProblem(v, 'network', a.taken.networks),
    })).trim();
  },
};

const networkTypeStep: FlowStep<NetworkAnswers> = {
  when: (a) => a.admin,
  async ask(input, a) {
    const items: Item<ProviderType | 'default'>[] = [
      { label: l10n.t('Project network'), description: l10n.t('the cloud\'s default type (e.g. VXLAN): what a student\'s private network is'), value: 'default' },
      { label: l10n.t('Flat'), description: l10n.t('untagged on a physical network: the usual external network of a lab'), value: 'flat' },
      { label: 'VLAN', description: l10n.t('a VLAN on a physical network'), value: 'vlan' },
      { label: 'VXLAN', description: l10n.t('an overlay with a chosen VNI'), value: 'vxlan' },
    ];
    const chosen = (await input.quickPick({ placeholder: l10n.t('Provider network type (admin)'), items, active: items.find((i) => i.value === (a.type ?? 'default')) })).value;
    a.type = chosen === 'default' ? undefined : chosen;
  },
};

const networkPhysnetStep: FlowStep<NetworkAnswers> = {
  when: (a) => a.admin && (a.type === 'flat' || a.type === 'vlan'),
  async ask(input, a) {
    const providerType = a.type!;
    if (!a.physnet) a.physnet = (await a.lookup.networks()).map((n) => n.providerPhysicalNetwork).find((p): p is string => !!p) ?? 'physnet1';
    a.physnet = await input.inputBox({
      prompt: l10n.t('The physical network the {0} network is on, as named in the ML2 configuration (a network already uses {1})', providerType, a.physnet),
      value: a.physnet,
      validate: (v) => physicalNetworkProblem(providerType, v),
    });
  },
};

const networkSegmentStep: FlowStep<NetworkAnswers> = {
  when: (a) => a.admin && (a.type === 'vlan' || a.type === 'vxlan'),
  async ask(input, a) {
    const providerType = a.type!;
    a.segment = await input.inputBox({
      prompt: providerType === 'vlan' ? l10n.t('VLAN ID (1–4094) on the physical network') : l10n.t('VXLAN VNI (1–16777215); leave empty and Neutron picks one'),
      value: a.segment,
      validate: (v) => segmentProblem(providerType, v),
    });
  },
};

const networkAccessStep: FlowStep<NetworkAnswers> = {
  when: (a) => a.admin,
  async ask(input, a) {
    const items: Item<NetworkAnswers['access']>[] = [
      { label: l10n.t('Internal'), description: l10n.t('this project\'s instances only'), value: 'internal' },
      { label: l10n.t('External'), description: l10n.t('router:external — router gateways and floating IPs come from it'), value: 'external' },
      { label: l10n.t('Shared'), description: l10n.t('every project can attach instances to it'), value: 'shared' },
      { label: l10n.t('External and shared'), value: 'external-shared' },
    ];
    a.access = (await input.quickPick({ placeholder: l10n.t('Who uses the network (admin)'), items, active: items.find((i) => i.value === a.access) })).value;
  },
};

const networkWithSubnetStep: FlowStep<NetworkAnswers> = {
  async ask(input, a) {
    await a.names;
    const sub = suggestName(`${a.name}-subnet`, a.taken.subnets);
    const yes: Item<boolean> = { label: l10n.t('Create subnet {0}', sub), description: l10n.t('instances need one to get an address; a router attaches to it'), value: true };
    const no: Item<boolean> = { label: l10n.t('No subnet now'), description: l10n.t('add one later with Create Subnet…'), value: false };
    a.withSubnet = (await input.quickPick({ placeholder: l10n.t('A subnet in the same go?'), items: [yes, no], active: a.withSubnet ? yes : no })).value;
    if (a.withSubnet && !a.subnet.cidr) {
      a.subnet.cidr = suggestCidr((await a.lookup.subnets()).map((s) => s.cidr));
      a.subnet.gateway = formatIp(firstHost(parseCidr(a.subnet.cidr)!));
      a.subnet.dhcp = !a.access.startsWith('external');
    }
  },
};

function networkSpec(a: NetworkAnswers): NetworkSpec {
  return {
    name: a.name,
    ...(a.type ? { provider: { type: a.type, physicalNetwork: a.physnet.trim() || undefined, segmentationId: a.segment.trim() ? Number(a.segment) : undefined } } : {}),
    ...(a.access.startsWith('external') ? { external: true } : {}),
    ...(a.access.endsWith('shared') ? { shared: true } : {}),
    ...(a.withSubnet ? { subnet: subnetFields(suggestName(`${a.name}-subnet`, a.taken.subnets), a.subnet) } : {}),
  };
}

/** Network name → [admin: type → physical network → segment → access] → subnet? → subnet steps → confirm. */
export async function collectNetwork(lookup: Lookup, cli: CliContext): Promise<NetworkSpec> {
  const a: NetworkAnswers = {
    lookup, admin: lookup.target.client.session.isAdmin, taken: { networks: [], subnets: [] }, names: Promise.resolve(),
    name: '', physnet: '', segment: '', access: 'internal', withSubnet: true, subnet: { cidr: '', gateway: '', dhcp: true, dns: '', pools: '' },
  };
  a.names = Promise.all([lookup.networks(), lookup.subnets()]).then(([nets, subs]) => {
    a.taken.networks = nets.filter((n) => lookup.owns(n) || n.shared || n.external).map((n) => n.name);
    a.taken.subnets = subs.filter((s) => lookup.owns(s)).map((s) => s.name);
  });
  a.names.catch(() => undefined);
  const confirm = confirmStep(() => {
    const s = networkSpec(a);
    return s.subnet ? l10n.t('Create network {0} with subnet {1}', s.name, subnetSummary(s.subnet)) : l10n.t('Create network {0}', s.name);
  }, async () => networkCli(cli, networkSpec(a)), cli);
  await runFlow(a.admin ? l10n.t('Create network') : l10n.t('Create network (provider fields: admin only)'), a, [
    networkNameStep, networkTypeStep, networkPhysnetStep, networkSegmentStep, networkAccessStep, networkWithSubnetStep,
    ...subnetSteps(a.subnet, async () => [], () => a.withSubnet), confirm,
  ]);
  return networkSpec(a);
}

// ---------------------------------------------------------------------------------------------------------------
// Create subnet

function networkItems(lookup: Lookup, networks: Network[], subnets: Subnet[]): Item<Network>[] {
  const admin = lookup.target.client.session.isAdmin;
  return networks.map((n) => ({
    label: label(n),
    description: [subnets.filter((s) => s.networkId === n.id).map((s) => s.cidr).join(', '), n.external && l10n.t('external'), n.shared && l10n.t('shared')].filter(Boolean).join(' · '),
    value: n,
    unusable: !admin && !lookup.owns(n) ? l10n.t('belongs to another project: only its owner (or an admin) adds subnets to it') : undefined,
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
  const confirm = confirmStep(() => l10n.t('Create subnet {0} ({1}) on {2}', a.name, subnetSummary(spec()), label(chosen!)), async () => subnetCli(cli, spec(), await lookup.cliNames()), cli);
  const pickNetwork: FlowStep<unknown> = {
    when: () => !network,
    async ask(input) {
      const [nets, subs] = await Promise.all([lookup.networks(), loaded]);
      const previous = chosen;
      chosen = await pickUsable(input, l10n.t('The network to add a subnet to'), networkItems(lookup, nets, subs), (n) => n.id === chosen?.id);
      if (previous && previous.id !== chosen.id) a.name = '';
    },
  };
  const name: FlowStep<unknown> = {
    async ask(input) {
      const subs = await loaded;
      if (!a.subnet.cidr) {
        a.subnet.cidr = suggestCidr(subs.map((s) => s.cidr));
        a.subnet.gateway = formatIp(firstHost(parseCidr(a.subnet.cidr)!));
        a.subnet.dhcp = !chosen!.external;
      }
      if (!a.name) a.name = suggestName(`${label(chosen!)}-subnet`, takenSubnets);
      a.name = (await input.inputBox({ prompt: l10n.t('Name of the new subnet on {0}', label(chosen!)), value: a.name, validate: (v) => nameProblem(v, 'subnet', takenSubnets) })).trim();
    },
  };
  await runFlow(l10n.t('Create subnet'), a, [pickNetwork, name, ...subnetSteps(a.subnet, async () => (await loaded).filter((s) => s.networkId === chosen!.id)), confirm]);
  return spec();
}

export function externalItems(networks: Network[], subnets: Subnet[]): Item<Network>[] {
  return networks.filter((n) => n.external).map((n) => ({
    label: label(n), description: subnets.filter((s) => s.networkId === n.id).map((s) => s.cidr).join(', ') || l10n.t('external network'), value: n,
  }));
}
