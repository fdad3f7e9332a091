// Neutron: networks, subnets, routers, ports, floating IPs, security groups and quotas.
import * as l10n from '@vscode/l10n';
import { OpenStackError } from './errors';
import type { HttpMethod } from './http';
import { emptyListing, listing, union, type Listing } from './listing';
import {
  floatingIpCreateBody, gatewayBody, ROUTER_INTERFACE_OWNERS, networkCreateBody, portCreateBody, securityGroupRuleCreateBody, subnetCreateBody,
  toAgent, toFloatingIp, toNetwork, toPort, toRouter, toSecurityGroup, toSecurityGroupRule, toSubnet,
  type Agent, type NeutronAgent, type FloatingIp, type FloatingIpCreate, type GatewaySpec, type Network, type NetworkCreate, type NetworkQuotas,
  type NeutronFloatingIp, type NeutronNetwork, type NeutronPort, type NeutronRouter, type NeutronSecurityGroup,
  type NeutronSecurityGroupRule, type NeutronSubnet, type Port, type PortCreate, type QuotaUsage, type Router,
  type SecurityGroup, type SecurityGroupRule, type SecurityGroupRuleCreate, type Subnet, type SubnetCreate,
} from './networkModels';
import { path, type QueryValue } from './paths';
import type { Session } from './session';

/** Neutron pages only when asked: without `limit` a list comes back whole. */
interface Paged {
  limit?: number;
  /** Ordered by name (Neutron's own order is by id). */
  byName?: boolean;
}

function paging(query: Paged, sortKey = 'name'): Record<string, QueryValue> {
  return { limit: query.limit, ...(query.byName ? { sort_key: sortKey, sort_dir: 'asc' } : {}) };
}

/** An admin's token lists every project's resources; `projectId` keeps one project's (Neutron's project_id filter). */
interface Owned {
  projectId?: string;
}

/** Neutron filters by any of several values when a field is repeated (`id=a&id=b`). */
type OneOrMany = string | readonly string[];

/** Only these: the filter by IDs, when it is given. */
interface ById {
  ids?: readonly string[];
}

export interface NetworkQuery extends Paged, Owned, ById {
  name?: string;
  external?: boolean;
  shared?: boolean;
}

export interface PortQuery extends Paged, Owned {
  /** The server or router using the port; several: any of them. */
  deviceId?: OneOrMany;
  /** Several: any of them. */
  deviceOwner?: OneOrMany;
  networkId?: OneOrMany;
  /** Ports with an address on this subnet (Neutron's `fixed_ips=subnet_id=…`). */
  subnetId?: string;
}

// Deleting what is already gone succeeds, as in openstacksdk (ignore_missing).
const DELETED = [204, 404];

export class NetworkService {
  constructor(private readonly session: Session) {}

  networks(query: NetworkQuery = {}): Listing<Network> {
    const { name, external, shared, projectId, ids } = query;
    const q = { id: ids, name, 'router:external': external, shared, project_id: projectId, ...paging(query) };
    return this.list<NeutronNetwork, Network>('/networks', q, 'networks', toNetwork);
  }

  /**
   * The networks PROJECTID sees, as its members list them: its own, the shared and the external ones (Horizon's
   * project panel). For an admin's token, whose plain list has every project's.
   */
  projectNetworks(projectId: string): Listing<Network> {
    return union([
      (signal) => this.networks({ projectId, byName: true }).toArray(signal),
      (signal) => this.networks({ shared: true, byName: true }).toArray(signal),
      (signal) => this.networks({ external: true, byName: true }).toArray(signal),
    ]);
  }

  async network(id: string, signal?: AbortSignal): Promise<Network> {
    return toNetwork((await this.call<{ network: NeutronNetwork }>('GET', path`/networks/${id}`, undefined, signal)).network);
  }

  async createNetwork(spec: NetworkCreate, signal?: AbortSignal): Promise<Network> {
    return toNetwork((await this.call<{ network: NeutronNetwork }>('POST', '/networks', networkCreateBody(spec), signal)).network);
  }

  deleteNetwork(id: string, signal?: AbortSignal): Promise<void> {
    return this.remove(path`/networks/${id}`, signal);
  }

  subnets(query: { networkId?: string; name?: string } & Paged & Owned & ById = {}): Listing<Subnet> {
    const q = { id: query.ids, network_id: query.networkId, name: query.name, limit: query.limit, project_id: query.projectId };
    return this.list<NeutronSubnet, Subnet>('/subnets', q, 'subnets', toSubnet);
  }

  async subnet(id: string, signal?: AbortSignal): Promise<Subnet> {
    return toSubnet((await this.call<{ subnet: NeutronSubnet }>('GET', path`/subnets/${id}`, undefined, signal)).subnet);
  }

  async createSubnet(spec: SubnetCreate, signal?: AbortSignal): Promise<Subnet> {
    return toSubnet((await this.call<{ subnet: NeutronSubnet }>('POST', '/subnets', subnetCreateBody(spec), signal)).subnet);
  }

  deleteSubnet(id: string, signal?: AbortSignal): Promise<void> {
    return this.remove(path`/subnets/${id}`, signal);
  }

  routers(query: { name?: string } & Paged & Owned & ById = {}): Listing<Router> {
    const q = { id: query.ids, name: query.name, project_id: query.projectId, ...paging(query) };
    return this.list<NeutronRouter, Router>('/routers', q, 'routers', toRouter);
  }

  async router(id: string, signal?: AbortSignal): Promise<Router> {
    return toRouter((await this.call<{ router: NeutronRouter }>('GET', path`/routers/${id}`, undefined, signal)).router);
  }

  async createRouter(spec: { name: string; gateway?: GatewaySpec }, signal?: AbortSignal): Promise<Router> {
    const json = { router: { name: spec.name, external_gateway_info: spec.gateway && gatewayBody(spec.gateway) } };
    return toRouter((await this.call<{ router: NeutronRouter }>('POST', '/routers', json, signal)).router);
  }

  /** Sets the router's gateway, or clears it with null. */
  async setRouterGateway(id: string, gateway: GatewaySpec | null, signal?: AbortSignal): Promise<Router> {
    const json = { router: { external_gateway_info: gatewayBody(gateway) ?? {} } };
    return toRouter((await this.call<{ router: NeutronRouter }>('PUT', path`/routers/${id}`, json, signal)).router);
  }

  /** Attaches SUBNET_ID through a new port that takes the subnet's gateway address. */
  async addRouterInterface(id: string, subnetId: string, signal?: AbortSignal): Promise<{ portId: string }> {
    const res = await this.call<{ port_id: string }>('PUT', path`/routers/${id}/add_router_interface`, { subnet_id: subnetId }, signal);
    return { portId: res.port_id };
  }

  async removeRouterInterface(id: string, subnetId: string, signal?: AbortSignal): Promise<void> {
    await this.call('PUT', path`/routers/${id}/remove_router_interface`, { subnet_id: subnetId }, signal);
  }

  /** Detaches the interface port PORTID (all its subnets), deleting the port. */
  async removeRouterPort(id: string, portId: string, signal?: AbortSignal): Promise<void> {
    await this.call('PUT', path`/routers/${id}/remove_router_interface`, { port_id: portId }, signal);
  }

  deleteRouter(id: string, signal?: AbortSignal): Promise<void> {
    return this.remove(path`/routers/${id}`, signal);
  }

  /** A router's gateway and interface ports are `ports({ deviceId: routerId })`. */
  ports(query: PortQuery = {}): Listing<Port> {
    const { deviceId, deviceOwner, networkId, subnetId, limit, projectId } = query;
    const q = {
      device_id: deviceId, device_owner: deviceOwner, network_id: networkId, fixed_ips: subnetId && `subnet_id=${subnetId}`, limit, project_id: projectId,
    };
    return this.list<NeutronPort, Port>('/ports', q, 'ports', toPort);
  }

  /** Interface ports of routers of every kind (legacy, DVR, HA): Neutron gives each kind its own device owner. */
  routerInterfaces(query: Omit<PortQuery, 'deviceOwner'> = {}): Listing<Port> {
    return this.ports({ ...query, deviceOwner: ROUTER_INTERFACE_OWNERS });
  }

  async port(id: string, signal?: AbortSignal): Promise<Port> {
    return toPort((await this.call<{ port: NeutronPort }>('GET', path`/ports/${id}`, undefined, signal)).port);
  }

  async createPort(spec: PortCreate, signal?: AbortSignal): Promise<Port> {
    return toPort((await this.call<{ port: NeutronPort }>('POST', '/ports', portCreateBody(spec), signal)).port);
  }

  deletePort(id: string, signal?: AbortSignal): Promise<void> {
    return this.remove(path`/ports/${id}`, signal);
  }

  /** FIXEDIPADDRESS: those associated with any of these fixed addresses (of any network: check the device). */
  floatingIps(query: { portId?: OneOrMany; fixedIpAddress?: OneOrMany; floatingNetworkId?: string } & Paged & Owned = {}): Listing<FloatingIp> {
    // BYNAME: floating IPs have no name, so by address
    const q = {
      port_id: query.portId, fixed_ip_address: query.fixedIpAddress, floating_network_id: query.floatingNetworkId, project_id: query.projectId,
      ...paging(query, 'floating_ip_address'),
    };
    return this.list<NeutronFloatingIp, FloatingIp>('/floatingips', q, 'floatingips', toFloatingIp);
  }

  /** Allocates an address on the external network, associated at once when a port is given. */
  async allocateFloatingIp(spec: FloatingIpCreate, signal?: AbortSignal): Promise<FloatingIp> {
    return this.floatingIpCall('POST', '/floatingips', floatingIpCreateBody(spec), signal);
  }

  /** Fails with ExternalGatewayForFloatingIPNotFound when no router joins the port's subnet to the external network. */
  associateFloatingIp(id: string, portId: string, fixedIpAddress?: string, signal?: AbortSignal): Promise<FloatingIp> {
    return this.floatingIpCall('PUT', path`/floatingips/${id}`, { floatingip: { port_id: portId, fixed_ip_address: fixedIpAddress } }, signal);
  }

  disassociateFloatingIp(id: string, signal?: AbortSignal): Promise<FloatingIp> {
    return this.floatingIpCall('PUT', path`/floatingips/${id}`, { floatingip: { port_id: null } }, signal);
  }

  releaseFloatingIp(id: string, signal?: AbortSignal): Promise<void> {
    return this.remove(path`/floatingips/${id}`, signal);
  }

  securityGroups(query: { name?: string } & Paged & Owned & ById = {}): Listing<SecurityGroup> {
    const q = { id: query.ids, name: query.name, project_id: query.projectId, ...paging(query) };
    return this.list<NeutronSecurityGroup, SecurityGroup>('/security-groups', q, 'security_groups', toSecurityGroup);
  }

  /** Neutron adds egress-allow rules for IPv4 and IPv6 to a new group. */
  async createSecurityGroup(name: string, description = '', signal?: AbortSignal): Promise<SecurityGroup> {
    const json = { security_group: { name, description } };
    return toSecurityGroup((await this.call<{ security_group: NeutronSecurityGroup }>('POST', '/security-groups', json, signal)).security_group);
  }

  deleteSecurityGroup(id: string, signal?: AbortSignal): Promise<void> {
    return this.remove(path`/security-groups/${id}`, signal);
  }

  async createSecurityGroupRule(spec: SecurityGroupRuleCreate, signal?: AbortSignal): Promise<SecurityGroupRule> {
    const res = await this.call<{ security_group_rule: NeutronSecurityGroupRule }>('POST', '/security-group-rules', securityGroupRuleCreateBody(spec), signal);
    return toSecurityGroupRule(res.security_group_rule);
  }

  deleteSecurityGroupRule(id: string, signal?: AbortSignal): Promise<void> {
    return this.remove(path`/security-group-rules/${id}`, signal);
  }

  /** The L3 agents hosting router ID (admin-only by default policy). */
  async routerL3Agents(id: string, signal?: AbortSignal): Promise<Agent[]> {
    return (await this.call<{ agents: NeutronAgent[] }>('GET', path`/routers/${id}/l3-agents`, undefined, signal)).agents.map(toAgent);
  }

  /** The DHCP agents serving network ID (admin-only by default policy). */
  async networkDhcpAgents(id: string, signal?: AbortSignal): Promise<Agent[]> {
    return (await this.call<{ agents: NeutronAgent[] }>('GET', path`/networks/${id}/dhcp-agents`, undefined, signal)).agents.map(toAgent);
  }

  /** Used and limit per resource; the project defaults to the session's. */
  async quotas(projectId?: string, signal?: AbortSignal): Promise<NetworkQuotas> {
    if (!projectId) await this.session.token(signal);
    const project = projectId ?? this.session.projectId;
    if (!project) throw new OpenStackError({ kind: 'config', text: l10n.t('Quotas belong to a project, and the token is not scoped to one.') });
    const res = await this.call<{ quota: Record<string, QuotaUsage> }>('GET', path`/quotas/${project}/details.json`, undefined, signal);
    return res.quota;
  }

  private async floatingIpCall(method: HttpMethod, relative: string, json: unknown, signal?: AbortSignal): Promise<FloatingIp> {
    return toFloatingIp((await this.call<{ floatingip: NeutronFloatingIp }>(method, relative, json, signal)).floatingip);
  }

  private list<R, T>(base: string, query: Record<string, QueryValue>, itemsKey: string, map: (raw: R) => T): Listing<T> {
    // Neutron drops an empty filter and would list everything
    if (Object.values(query).some((v) => Array.isArray(v) && v.length === 0)) return emptyListing();
    return listing({ session: this.session, serviceType: 'network', path: base, query, itemsKey, style: 'links', map });
  }

  private async remove(relative: string, signal?: AbortSignal): Promise<void> {
    await this.session.request('network', relative, { method: 'DELETE', signal, expectStatus: DELETED });
  }

  private async call<T>(method: HttpMethod, relative: string, json: unknown, signal?: AbortSignal): Promise<T> {
    return (await this.session.request('network', relative, { method, json, signal })).json<T>();
  }
}
