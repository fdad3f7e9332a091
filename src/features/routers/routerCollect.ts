// The router inputs: Create router (name, external gateway, a subnet to attach), and the one-pick gateway and
// interface choices; subnets a router cannot take are listed with the reason.
import * as l10n from '@vscode/l10n';
import type { Network, Port, Router, Subnet } from '../../openstack/networkModels';
import { type CliContext } from '../../core/cliLine';
import type { RouterSpec } from '../networks/model/networkActions';
import { routerCli } from '../networks/model/networkCli';
import { nameProblem, suggestName } from '../networks/model/networkInputs';
import { runFlow, type FlowStep } from '../../ui/flow';
import { pickUsable, type Item } from '../../ui/pickers';
import { Lookup, confirmStep, externalItems, label } from '../networks/networkCollect';

/** Subnets as router interface candidates: without a gateway IP, or already attached, they cannot be used. */
export function interfaceItems(subnets: Subnet[], routers: Router[], routerPorts: Port[], networks: Network[], forRouter?: string): Item<Subnet>[] {
  const routerNames = new Map(routers.map((r) => [r.id, label(r)]));
  const netNames = new Map(networks.map((n) => [n.id, label(n)]));
  const external = new Set(networks.filter((n) => n.external).map((n) => n.id));
  return subnets.filter((s) => !external.has(s.networkId)).map((s) => {
    const attached = routerPorts.filter((p) => p.fixedIps.some((ip) => ip.subnetId === s.id)).map((p) => p.deviceId);
    let unusable: string | undefined;
    if (!s.gatewayIp) unusable = l10n.t('no gateway IP: a router interface takes the subnet\'s gateway address (create the subnet with a gateway)');
    else if (forRouter && attached.includes(forRouter)) unusable = l10n.t('already attached to this router');
    else if (attached.length) unusable = l10n.t('already attached to router {0}, which holds its gateway IP', routerNames.get(attached[0]) ?? attached[0]);
    return {
      label: label(s), description: [s.cidr, s.gatewayIp && l10n.t('gw {0}', s.gatewayIp), l10n.t('network {0}', netNames.get(s.networkId) ?? s.networkId)].filter(Boolean).join(' · '), value: s, unusable,
    };
  });
}

/** The confirm step's "Create router r1 with an external gateway and an interface". */
function createRouterLabel(name: string, gateway: boolean, subnet: boolean): string {
  if (gateway && subnet) return l10n.t('Create router {0} with an external gateway and an interface', name);
  if (gateway) return l10n.t('Create router {0} with an external gateway', name);
  if (subnet) return l10n.t('Create router {0} and an interface', name);
  return l10n.t('Create router {0}', name);
}

/** Name → external gateway → a subnet to attach → confirm. */
export async function collectRouter(lookup: Lookup, cli: CliContext): Promise<RouterSpec> {
  let taken: string[] = [];
  const a = { name: '', gateway: undefined as string | undefined, gatewayChosen: false, subnetId: undefined as string | undefined };
  const loaded = lookup.routers().then((rs) => { taken = rs.filter((r) => lookup.owns(r)).map((r) => r.name); });
  loaded.catch(() => undefined);
  const spec = (): RouterSpec => ({ name: a.name, gatewayNetworkId: a.gateway, subnetIds: a.subnetId ? [a.subnetId] : [] });
  const confirm = confirmStep(() => createRouterLabel(a.name, !!a.gateway, !!a.subnetId),
    async () => routerCli(cli, spec(), await lookup.cliNames()), cli);
  const name: FlowStep<unknown> = {
    async ask(input) {
      if (!a.name) {
        await loaded;
        a.name = suggestName('router1', taken);
      }
      a.name = (await input.inputBox({ prompt: l10n.t('Name of the new router'), value: a.name, validate: (v) => nameProblem(v, 'router', taken) })).trim();
    },
  };
  const gateway: FlowStep<unknown> = {
    async ask(input) {
      const [networks, subnets] = await Promise.all([lookup.networks(), lookup.subnets()]);
      const externals = externalItems(networks, subnets).map((i) => ({ ...i, value: i.value.id }));
      const none: Item<string> = { label: l10n.t('No external gateway'), description: l10n.t('instances behind it cannot get floating IPs'), value: '' };
      if (!a.gatewayChosen) a.gateway = externals[0]?.value;
      const chosen = await pickUsable<string>(input, l10n.t('External gateway: the network floating IPs come from'), [...externals, none], (id) => id === (a.gateway ?? ''));
      a.gateway = chosen || undefined;
      a.gatewayChosen = true;
    },
  };
  const subnet: FlowStep<unknown> = {
    async ask(input) {
      const [subnets, routers, ports, networks] = await Promise.all([lookup.subnets(), lookup.routers(), lookup.routerPorts(), lookup.networks()]);
      const none: Item<string> = { label: l10n.t('No interface now'), description: l10n.t('add one later with Add Router Interface…'), value: '' };
      const items = [none, ...interfaceItems(subnets.filter((s) => lookup.owns(s)), routers, ports, networks).map((i) => ({ ...i, value: i.value.id }))];
      const chosen = await pickUsable<string>(input, l10n.t('Connect a subnet (its instances reach the external network through the router)'), items, (id) => id === (a.subnetId ?? ''));
      a.subnetId = chosen || undefined;
    },
  };
  await runFlow(l10n.t('Create router'), a, [name, gateway, subnet, confirm]);
  return spec();
}

/** One pick: the external network for ROUTER's gateway. */
export async function collectGateway(lookup: Lookup, router: Router): Promise<string> {
  let id = router.gateway?.networkId;
  await runFlow(l10n.t('Set gateway of {0}', label(router)), undefined, [{
    async ask(input) {
      const [networks, subnets] = await Promise.all([lookup.networks(), lookup.subnets()]);
      const items = externalItems(networks, subnets).map((i) => ({ ...i, value: i.value.id }));
      if (!items.length) items.push({ label: l10n.t('No external network'), unusable: l10n.t('this cloud has no router:external network: an admin creates one'), value: '' });
      id = await pickUsable<string>(input, l10n.t('The external network for the router\'s gateway'), items, (v) => v === id);
    },
  }]);
  return id!;
}

/** The subnet to attach to ROUTER; PREFERRED (a refusal's fix names it) is preselected. */
export async function collectInterface(lookup: Lookup, router: Router, preferredSubnetId?: string): Promise<Subnet> {
  let subnet: Subnet | undefined;
  await runFlow(l10n.t('Add interface to {0}', label(router)), undefined, [{
    async ask(input) {
      const [subnets, routers, ports, networks] = await Promise.all([lookup.subnets(), lookup.routers(), lookup.routerPorts(), lookup.networks()]);
      subnet = await pickUsable(input, l10n.t('The subnet to connect (the interface takes its gateway IP)'), interfaceItems(subnets, routers, ports, networks, router.id), (s) => s.id === preferredSubnetId);
    },
  }]);
  return subnet!;
}
