// Neutron resources as the UI shows them: the fields it reads, named for TypeScript, and `raw` for Inspect.
type Raw = Record<string, unknown>;

function raw(value: object): Raw {
  return value as Raw;
}

export interface Network {
  id: string;
  name: string;
  status: string;
  adminStateUp: boolean;
  shared: boolean;
  /** `router:external`: floating IPs and router gateways come from it. */
  external: boolean;
  subnetIds: string[];
  /** The provider fields are only shown to admins; undefined otherwise. */
  providerNetworkType?: string;
  providerPhysicalNetwork?: string | null;
  providerSegmentationId?: number | null;
  mtu?: number;
  projectId: string;
  raw: Raw;
}

export interface NeutronNetwork {
  id: string;
  name: string;
  status: string;
  admin_state_up: boolean;
  shared: boolean;
  'router:external'?: boolean;
  subnets: string[];
  'provider:network_type'?: string;
  'provider:physical_network'?: string | null;
  'provider:segmentation_id'?: number | null;
  mtu?: number;
  project_id: string;
}

export function toNetwork(n: NeutronNetwork): Network {
  return {
    id: n.id, name: n.name, status: n.status, adminStateUp: n.admin_state_up, shared: n.shared,
    external: n['router:external'] ?? false, subnetIds: n.subnets,
    providerNetworkType: n['provider:network_type'], providerPhysicalNetwork: n['provider:physical_network'],
    providerSegmentationId: n['provider:segmentation_id'], mtu: n.mtu, projectId: n.project_id, raw: raw(n),
  };
}

export interface NetworkCreate {
  name: string;
  adminStateUp?: boolean;
  shared?: boolean;
  /** Admin only by default, like the provider fields. */
  external?: boolean;
  providerNetworkType?: string;
  providerPhysicalNetwork?: string;
  providerSegmentationId?: number;
  mtu?: number;
  portSecurityEnabled?: boolean;
}

export function networkCreateBody(spec: NetworkCreate): { network: Raw } {
  return {
    network: {
      name: spec.name, admin_state_up: spec.adminStateUp, shared: spec.shared, 'router:external': spec.external,
      'provider:network_type': spec.providerNetworkType, 'provider:physical_network': spec.providerPhysicalNetwork,
      'provider:segmentation_id': spec.providerSegmentationId, mtu: spec.mtu, port_security_enabled: spec.portSecurityEnabled,
    },
  };
}

export interface AllocationPool {
  start: string;
  end: string;
}

export interface Subnet {
  id: string;
  name: string;
  networkId: string;
  cidr: string;
  ipVersion: number;
  /** Null: no gateway, so the subnet cannot be attached to a router. */
  gatewayIp: string | null;
  enableDhcp: boolean;
  allocationPools: AllocationPool[];
  dnsNameservers: string[];
  raw: Raw;
}

export interface NeutronSubnet {
  id: string;
  name: string;
  network_id: string;
  cidr: string;
  ip_version: number;
  gateway_ip: string | null;
  enable_dhcp: boolean;
  allocation_pools: AllocationPool[];
  dns_nameservers: string[];
}

export function toSubnet(s: NeutronSubnet): Subnet {
  return {
    id: s.id, name: s.name, networkId: s.network_id, cidr: s.cidr, ipVersion: s.ip_version, gatewayIp: s.gateway_ip,
    enableDhcp: s.enable_dhcp, allocationPools: s.allocation_pools, dnsNameservers: s.dns_nameservers, raw: raw(s),
  };
}

export interface SubnetCreate {
  networkId: string;
  cidr: string;
  name?: string;
  ipVersion?: 4 | 6;
  /** Omitted: the first address; null: no gateway. */
  gatewayIp?: string | null;
  enableDhcp?: boolean;
  allocationPools?: AllocationPool[];
  dnsNameservers?: string[];
}

export function subnetCreateBody(spec: SubnetCreate): { subnet: Raw } {
  return {
    subnet: {
      network_id: spec.networkId, cidr: spec.cidr, name: spec.name, ip_version: spec.ipVersion ?? 4, gateway_ip: spec.gatewayIp,
      enable_dhcp: spec.enableDhcp, allocation_pools: spec.allocationPools, dns_nameservers: spec.dnsNameservers,
    },
  };
}

export interface FixedIp {
  subnetId: string;
  ipAddress: string;
}

interface NeutronFixedIp {
  subnet_id: string;
  ip_address: string;
}

function toFixedIps(ips: NeutronFixedIp[] | undefined): FixedIp[] {
  return (ips ?? []).map((ip) => ({ subnetId: ip.subnet_id, ipAddress: ip.ip_address }));
}

export interface RouterGateway {
  networkId: string;
  enableSnat?: boolean;
  externalFixedIps: FixedIp[];
}

export interface Router {
  id: string;
  name: string;
  status: string;
  adminStateUp: boolean;
  /** Undefined without a gateway. */
  gateway?: RouterGateway;
  raw: Raw;
}

export interface NeutronRouter {
  id: string;
  name: string;
  status: string;
  admin_state_up: boolean;
  external_gateway_info: { network_id: string; enable_snat?: boolean; external_fixed_ips?: NeutronFixedIp[] } | null;
}

export function toRouter(r: NeutronRouter): Router {
  const gw = r.external_gateway_info;
  return {
    id: r.id, name: r.name, status: r.status, adminStateUp: r.admin_state_up,
    gateway: gw ? { networkId: gw.network_id, enableSnat: gw.enable_snat, externalFixedIps: toFixedIps(gw.external_fixed_ips) } : undefined,
    raw: raw(r),
  };
}

/** A Neutron agent as a router's or network's host lists it (`l3-agents`, `dhcp-agents`). */
export interface Agent {
  id: string;
  host: string;
  /** Whether it reported in within the agent_down_time. */
  alive: boolean;
  adminStateUp: boolean;
}

export interface NeutronAgent {
  id: string;
  host: string;
  alive: boolean;
  admin_state_up: boolean;
}

export function toAgent(a: NeutronAgent): Agent {
  return { id: a.id, host: a.host, alive: a.alive, adminStateUp: a.admin_state_up };
}

/** A router gateway to set: the external network, and SNAT (policy usually reserves changing it to admins). */
export interface GatewaySpec {
  networkId: string;
  enableSnat?: boolean;
}

export function gatewayBody(gateway: GatewaySpec | null): Raw | null {
  return gateway && { network_id: gateway.networkId, enable_snat: gateway.enableSnat };
}

/** Device owners of router interface ports: legacy, DVR and HA routers. */
export const ROUTER_INTERFACE_OWNERS: readonly string[] = [
  'network:router_interface', 'network:router_interface_distributed', 'network:ha_router_replicated_interface',
];

export interface Port {
  id: string;
  name: string;
  networkId: string;
  /** The server, router or DHCP agent using the port. */
  deviceId: string;
  /** `compute:<zone>`, one of ROUTER_INTERFACE_OWNERS, `network:router_gateway`, `network:dhcp`, … */
  deviceOwner: string;
  status: string;
  macAddress: string;
  fixedIps: FixedIp[];
  securityGroupIds: string[];
  portSecurityEnabled?: boolean;
  raw: Raw;
}

export interface NeutronPort {
  id: string;
  name: string;
  network_id: string;
  device_id: string;
  device_owner: string;
  status: string;
  mac_address: string;
  fixed_ips: NeutronFixedIp[];
  security_groups?: string[];
  port_security_enabled?: boolean;
}

export function toPort(p: NeutronPort): Port {
  return {
    id: p.id, name: p.name, networkId: p.network_id, deviceId: p.device_id, deviceOwner: p.device_owner, status: p.status,
    macAddress: p.mac_address, fixedIps: toFixedIps(p.fixed_ips), securityGroupIds: p.security_groups ?? [],
    portSecurityEnabled: p.port_security_enabled, raw: raw(p),
  };
}

export interface PortCreate {
  networkId: string;
  name?: string;
  fixedIps?: { subnetId: string; ipAddress?: string }[];
}

export function portCreateBody(spec: PortCreate): { port: Raw } {
  const fixedIps = spec.fixedIps?.map((ip) => ({ subnet_id: ip.subnetId, ip_address: ip.ipAddress }));
  return { port: { network_id: spec.networkId, name: spec.name, fixed_ips: fixedIps } };
}

export interface FloatingIp {
  id: string;
  floatingIpAddress: string;
  floatingNetworkId: string;
  /** Null while unassociated. */
  portId: string | null;
  fixedIpAddress: string | null;
  routerId: string | null;
  /** ACTIVE, DOWN or ERROR. */
  status: string;
  description: string;
  /** The server (or other device) of the associated port, where Neutron has fip-port-details. */
  deviceId?: string;
  raw: Raw;
}

export interface NeutronFloatingIp {
  id: string;
  floating_ip_address: string;
  floating_network_id: string;
  port_id: string | null;
  fixed_ip_address: string | null;
  router_id: string | null;
  status: string;
  description?: string;
  port_details?: { device_id: string } | null;
}

export function toFloatingIp(f: NeutronFloatingIp): FloatingIp {
  return {
    id: f.id, floatingIpAddress: f.floating_ip_address, floatingNetworkId: f.floating_network_id, portId: f.port_id,
    fixedIpAddress: f.fixed_ip_address, routerId: f.router_id, status: f.status, description: f.description ?? '',
    deviceId: f.port_details?.device_id, raw: raw(f),
  };
}

export interface FloatingIpCreate {
  floatingNetworkId: string;
  portId?: string;
  /** Which of the port's addresses, when it has several. */
  fixedIpAddress?: string;
  description?: string;
}

export function floatingIpCreateBody(spec: FloatingIpCreate): { floatingip: Raw } {
  return {
    floatingip: {
      floating_network_id: spec.floatingNetworkId, port_id: spec.portId, fixed_ip_address: spec.fixedIpAddress, description: spec.description,
    },
  };
}

export interface SecurityGroupRule {
  id: string;
  securityGroupId: string;
  direction: 'ingress' | 'egress';
  ethertype: 'IPv4' | 'IPv6';
  /** Null: any protocol. */
  protocol: string | null;
  portRangeMin: number | null;
  portRangeMax: number | null;
  remoteIpPrefix: string | null;
  remoteGroupId: string | null;
  description: string;
  raw: Raw;
}

export interface NeutronSecurityGroupRule {
  id: string;
  security_group_id: string;
  direction: 'ingress' | 'egress';
  ethertype: 'IPv4' | 'IPv6';
  protocol: string | null;
  port_range_min: number | null;
  port_range_max: number | null;
  remote_ip_prefix: string | null;
  remote_group_id: string | null;
  description?: string;
}

export function toSecurityGroupRule(r: NeutronSecurityGroupRule): SecurityGroupRule {
  return {
    id: r.id, securityGroupId: r.security_group_id, direction: r.direction, ethertype: r.ethertype, protocol: r.protocol,
    portRangeMin: r.port_range_min, portRangeMax: r.port_range_max, remoteIpPrefix: r.remote_ip_prefix,
    remoteGroupId: r.remote_group_id, description: r.description ?? '', raw: raw(r),
  };
}

export interface SecurityGroupRuleCreate {
  securityGroupId: string;
  direction: 'ingress' | 'egress';
  ethertype?: 'IPv4' | 'IPv6';
  /** 'tcp', 'udp', 'icmp', a number, or omitted for any. */
  protocol?: string;
  portRangeMin?: number;
  portRangeMax?: number;
  remoteIpPrefix?: string;
  remoteGroupId?: string;
  description?: string;
}

export function securityGroupRuleCreateBody(spec: SecurityGroupRuleCreate): { security_group_rule: Raw } {
  return {
    security_group_rule: {
      security_group_id: spec.securityGroupId, direction: spec.direction, ethertype: spec.ethertype ?? 'IPv4', protocol: spec.protocol,
      port_range_min: spec.portRangeMin, port_range_max: spec.portRangeMax, remote_ip_prefix: spec.remoteIpPrefix,
      remote_group_id: spec.remoteGroupId, description: spec.description,
    },
  };
}

export interface SecurityGroup {
  id: string;
  name: string;
  description: string;
  rules: SecurityGroupRule[];
  raw: Raw;
}

export interface NeutronSecurityGroup {
  id: string;
  name: string;
  description: string;
  security_group_rules?: NeutronSecurityGroupRule[];
}

export function toSecurityGroup(g: NeutronSecurityGroup): SecurityGroup {
  return {
    id: g.id, name: g.name, description: g.description, rules: (g.security_group_rules ?? []).map(toSecurityGroupRule), raw: raw(g),
  };
}

export interface QuotaUsage {
  used: number;
  /** -1 for unlimited. */
  limit: number;
  reserved: number;
}

/** Keyed by resource: network, subnet, port, router, floatingip, security_group, security_group_rule, … */
export type NetworkQuotas = Record<string, QuotaUsage>;
