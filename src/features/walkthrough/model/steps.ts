// The steps of the "Build your first OpenStack network" walkthrough and which of them are done, decided from
// what the cloud lists for the active project (never from a click). Pure: unit-tested.
import type { Image } from '../../../openstack/image';
import type { FloatingIp, Network, Port, Router, SecurityGroupRule } from '../../../openstack/networkModels';
import type { Keypair, Server } from '../../../openstack/computeModels';

/** The steps in the order of package.json's contributes.walkthroughs; each has the context key openstack.walkthrough.<id>. */
export const STEP_IDS = [
  'cloud', 'image', 'externalNetwork', 'internalNetwork', 'router', 'securityGroup', 'keypair', 'instances', 'floatingIp', 'console',
] as const;
export type StepId = (typeof STEP_IDS)[number];

export type StepState = Record<StepId, boolean>;

/** The steps a category's rows or probe answer, done or not. */
export type StepAnswers = Partial<Record<StepId, boolean>>;

export function contextKey(step: StepId): string {
  return `openstack.walkthrough.${step}`;
}

/** publisher.name#walkthrough id, as package.json declares them. */
export const WALKTHROUGH_ID = 'openstack-explorer.openstack-explorer#firstNetwork';

/** How VS Code names a step of the walkthrough (its check box's data-done-step-id, welcome.markStep* commands). */
export function workbenchStepId(step: StepId): string {
  return `${WALKTHROUGH_ID}#${step}`;
}

export function noStepDone(): StepState {
  return Object.fromEntries(STEP_IDS.map((id) => [id, false])) as StepState;
}

/** An image the project can boot from (uploaded by the user or already offered by the cloud). */
export function imageReady(images: readonly Pick<Image, 'status'>[]): boolean {
  return images.some((i) => i.status === 'active');
}

/** A network that floating IPs and router gateways can come from (`router:external`). */
export function externalNetworkReady(networks: readonly Pick<Network, 'external'>[]): boolean {
  return networks.some((n) => n.external);
}

/** A network of the project itself (not external) with at least one subnet. */
export function internalNetworkReady(networks: readonly Pick<Network, 'external' | 'projectId' | 'subnetIds'>[], projectId: string): boolean {
  return networks.some((n) => !n.external && n.projectId === projectId && n.subnetIds.length > 0);
}

/** Routers whose gateway is on an external network: the only ones the router step still has to check for interfaces. */
export function routersWithGateway(routers: readonly Pick<Router, 'id' | 'gateway'>[]): string[] {
  return routers.filter((r) => r.gateway?.networkId).map((r) => r.id);
}

/**
 * A router with an external gateway and an interface on a tenant subnet. INTERFACES are router interface ports
 * (Neutron gives the gateway port its own device owner, so none of them is on the external network).
 */
export function routerReady(routers: readonly Pick<Router, 'id' | 'gateway'>[], interfaces: readonly Pick<Port, 'deviceId' | 'fixedIps'>[]): boolean {
  const gatewayed = new Set(routersWithGateway(routers));
  return interfaces.some((p) => gatewayed.has(p.deviceId) && p.fixedIps.length > 0);
}

type Rule = Pick<SecurityGroupRule, 'direction' | 'ethertype' | 'protocol' | 'portRangeMin' | 'portRangeMax' | 'remoteGroupId'>;

/**
 * An IPv4 ingress rule from addresses, not from a group: floating IPs are IPv4, and a rule from a remote group
 * (the default group's "any protocol from members") lets no one outside the group in.
 */
function ingressV4(rule: Rule): boolean {
  return rule.direction === 'ingress' && rule.ethertype === 'IPv4' && !rule.remoteGroupId;
}

/** Ingress ICMP (ping) is allowed by RULE: an ICMP rule, or one for any protocol. */
export function allowsPing(rule: Rule): boolean {
  return ingressV4(rule) && (rule.protocol === null || rule.protocol === 'icmp' || rule.protocol === '1');
}

/** Ingress SSH (TCP 22) is allowed by RULE: a TCP rule whose range holds 22 (no range: every port), or any protocol. */
export function allowsSsh(rule: Rule): boolean {
  if (!ingressV4(rule)) return false;
  if (rule.protocol === null) return true;
  if (rule.protocol !== 'tcp' && rule.protocol !== '6') return false;
  return (rule.portRangeMin ?? 0) <= 22 && 22 <= (rule.portRangeMax ?? 65535);
}

/** A security group of the project that lets both ping and SSH in. */
export function securityGroupReady(groups: readonly { rules: readonly Rule[] }[]): boolean {
  return groups.some((g) => g.rules.some(allowsPing) && g.rules.some(allowsSsh));
}

export function keypairReady(keypairs: readonly Pick<Keypair, 'name'>[]): boolean {
  return keypairs.length > 0;
}

/** How many instances the exercise launches. */
export const INSTANCES_NEEDED = 2;

/** Two instances that did not fail (building ones count: they are launched). */
export function instancesReady(servers: readonly Pick<Server, 'status'>[]): boolean {
  return servers.filter((s) => s.status !== 'ERROR' && s.status !== 'DELETED').length >= INSTANCES_NEEDED;
}

/** A floating IP associated to a port. */
export function floatingIpReady(floatingIps: readonly Pick<FloatingIp, 'portId'>[]): boolean {
  return floatingIps.some((f) => !!f.portId);
}
