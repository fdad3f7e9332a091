// The floating IP inputs: Allocate (the external network) and Associate (the instance, and its address when it
// has more than one choice); instances no router joins to the address's network are listed with the reason.
import * as l10n from '@vscode/l10n';
import type { Server } from '../../openstack/computeModels';
import type { FloatingIp, Network } from '../../openstack/networkModels';
import { type CliContext } from '../../core/cliLine';
import { portChoices, type PortChoice } from './model/floatingIpTargets';
import type { AssociateSpec, FloatingIpSpec } from '../networks/model/networkActions';
import { floatingIpCli } from '../networks/model/networkCli';
import { runFlow, type FlowStep } from '../../ui/flow';
import { pickUsable, type Item } from '../../ui/pickers';
import { Lookup, confirmStep, externalItems, label } from '../networks/networkCollect';

/** External network (→ confirm). */
export async function collectFloatingIp(lookup: Lookup, cli: CliContext): Promise<FloatingIpSpec> {
  let networkId: string | undefined;
  const spec = (): FloatingIpSpec => ({ floatingNetworkId: networkId! });
  const confirm = confirmStep(() => l10n.t('Allocate a floating IP'), async () => floatingIpCli(cli, spec(), await lookup.cliNames()), cli);
  const pool: FlowStep<unknown> = {
    async ask(input) {
      const [networks, subnets] = await Promise.all([lookup.networks(), lookup.subnets()]);
      const items: Item<Network | undefined>[] = externalItems(networks, subnets);
      if (!items.length) items.push({ label: l10n.t('No external network'), value: undefined, unusable: l10n.t('this cloud has no router:external network: an admin creates one') });
      // pickUsable refuses an item without a value
      networkId = (await pickUsable(input, l10n.t('The external network (pool) to allocate from'), items, (n) => n?.id === networkId))!.id;
    },
  };
  await runFlow(l10n.t('Allocate floating IP'), undefined, [pool, confirm]);
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
  // one usable address and nothing else to show: no second step
  const onlyChoice = (choices: PortChoice[]) => (choices.length === 1 && !choices[0].unusable ? choices[0] : undefined);
  let single: PortChoice | undefined;
  const instance: FlowStep<unknown> = {
    async ask(input) {
      const [servers, ports] = await Promise.all([lookup.servers(), lookup.serverPorts()]);
      const topo = await topology();
      const items: Item<Server>[] = servers.map((s) => {
        const choices = portChoices(ports.filter((p) => p.deviceId === s.id), fip.floatingNetworkId, topo);
        const usable = choices.filter((c) => !c.unusable);
        return {
          label: label(s), description: `${serverAddresses(s)} · ${s.status}`, value: s,
          unusable: choices.length === 0 ? l10n.t('has no network port') : usable.length === 0 ? [...new Set(choices.map((c) => c.unusable))].join('; ') : undefined,
        };
      });
      server = await pickUsable(input, l10n.t('The instance {0} should reach', fip.floatingIpAddress), items, (s) => s.id === server?.id);
      single = onlyChoice(await choicesOf(server));
      if (single) choice = single;
    },
  };
  const port: FlowStep<unknown> = {
    when: () => !single,
    async ask(input) {
      const choices = await choicesOf(server!);
      const items: Item<PortChoice>[] = choices.map((c) => ({
        label: c.fixedIp.ipAddress,
        description: c.router ? l10n.t('port {0} · via router {1}', c.port.name || c.port.id.slice(0, 8), label(c.router)) : l10n.t('port {0}', c.port.name || c.port.id.slice(0, 8)),
        value: c,
        unusable: c.unusable,
      }));
      choice = await pickUsable(input, l10n.t('The address of {0} that {1} should reach', label(server!), fip.floatingIpAddress), items,
        (c) => c.port.id === choice?.port.id && c.fixedIp.ipAddress === choice.fixedIp.ipAddress);
    },
  };
  await runFlow(l10n.t('Associate {0}', fip.floatingIpAddress), undefined, [instance, port]);
  const c = choice!;
  return { floatingIpId: fip.id, portId: c.port.id, fixedIpAddress: c.port.fixedIps.length > 1 ? c.fixedIp.ipAddress : undefined };
}
