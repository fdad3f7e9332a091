// The lab exercise as a snapshot: instance vm1 (10.0.0.5 on private-subnet) behind router r1 with its gateway
// on the external network "public", floating IP 203.0.113.5, and a default group that allows ping and SSH.
// Each test breaks one link of a fresh copy.
import type { Server } from '../../../src/openstack/computeModels';
import type { FloatingIp, Network, Port, Router, SecurityGroup, SecurityGroupRule, Subnet } from '../../../src/openstack/networkModels';
import { parseRouteGet } from '../../../src/features/doctor/model/localRoute';
import type { ReachabilitySnapshot } from '../../../src/features/doctor/model/snapshot';

export const PROJECT = 'demo';
const owned = { project_id: PROJECT };

export const server = (over: Partial<Server> = {}): Server => ({
  id: 'vm1-id', name: 'vm1', status: 'ACTIVE', taskState: null, powerState: 1, addresses: [], flavor: {}, securityGroups: ['default'],
  created: '', updated: '', metadata: {}, raw: { tenant_id: PROJECT, 'OS-EXT-SRV-ATTR:host': 'compute1' }, ...over,
});

export const network = (id: string, name: string, external = false): Network => ({
  id, name, status: 'ACTIVE', adminStateUp: true, shared: false, external, subnetIds: [], projectId: PROJECT, raw: owned,
});

export const subnet = (id: string, name: string, networkId: string, cidr: string): Subnet => ({
  id, name, networkId, cidr, ipVersion: 4, gatewayIp: cidr.replace(/0\/\d+$/, '1'), enableDhcp: true, allocationPools: [], dnsNameservers: [], raw: owned,
});

export const port = (id: string, networkId: string, subnetId: string, ip: string, over: Partial<Port> = {}): Port => ({
  id, name: id, networkId, deviceId: 'vm1-id', deviceOwner: 'compute:nova', status: 'ACTIVE', macAddress: '', portSecurityEnabled: true,
  fixedIps: [{ subnetId, ipAddress: ip }], securityGroupIds: ['sg-default'], raw: { ...owned, admin_state_up: true }, ...over,
});

export const routerInterface = (routerId: string, subnetId: string, ip: string): Port =>
  port(`ri-${routerId}-${subnetId}`, 'n', subnetId, ip, { deviceId: routerId, deviceOwner: 'network:router_interface', securityGroupIds: [] });

export const router = (id: string, name: string, gatewayNetworkId?: string): Router => ({
  id, name, status: 'ACTIVE', adminStateUp: true, gateway: gatewayNetworkId ? { networkId: gatewayNetworkId, externalFixedIps: [] } : undefined, raw: owned,
});

export const floatingIp = (id: string, address: string, portId: string | null, fixedIpAddress: string | null): FloatingIp => ({
  id, floatingIpAddress: address, floatingNetworkId: 'public-id', portId, fixedIpAddress, routerId: portId ? 'r1-id' : null,
  status: portId ? 'ACTIVE' : 'DOWN', description: '', raw: owned,
});

let ruleCount = 0;
export const rule = (over: Partial<SecurityGroupRule>): SecurityGroupRule => ({
  id: `rule-${++ruleCount}`, securityGroupId: 'sg-default', direction: 'ingress', ethertype: 'IPv4', protocol: null, portRangeMin: null, portRangeMax: null,
  remoteIpPrefix: null, remoteGroupId: null, description: '', raw: {}, ...over,
});

export const ALLOW_ICMP = { protocol: 'icmp', remoteIpPrefix: '0.0.0.0/0' };
export const ALLOW_SSH = { protocol: 'tcp', portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: '0.0.0.0/0' };

export const group = (id: string, name: string, rules: Partial<SecurityGroupRule>[]): SecurityGroup => ({
  id, name, description: '', rules: rules.map((r) => rule({ securityGroupId: id, ...r })), raw: owned,
});

/** Neutron's default group: everything from its own members, and egress. */
const DEFAULT_RULES: Partial<SecurityGroupRule>[] = [
  { remoteGroupId: 'sg-default' }, { ethertype: 'IPv6', remoteGroupId: 'sg-default' }, { direction: 'egress' }, { direction: 'egress', ethertype: 'IPv6' },
];

export const CONSOLE_LOG = [
  '=== devcloud-guest boot: Debian kernel 6.1.0-18-amd64, busybox userland, up 1.02s ===',
  'devcloud-guest: DHCP lease 10.0.0.5/24 router 10.0.0.1 mtu 1450 from 10.0.0.2 at 2.31s',
  'devcloud-guest: metadata hostname vm1 (try 1)',
  'devcloud-guest: dropbear sshd on port 22',
].join('\r\n');

/** The working exercise: every link up. */
export function workingExercise(): ReachabilitySnapshot {
  return {
    server: server(),
    ports: [port('p1', 'private-id', 'private-subnet-id', '10.0.0.5')],
    subnets: [subnet('private-subnet-id', 'private-subnet', 'private-id', '10.0.0.0/24')],
    networks: [network('private-id', 'private'), network('public-id', 'public', true)],
    routers: [router('r1-id', 'r1', 'public-id')],
    routerPorts: [routerInterface('r1-id', 'private-subnet-id', '10.0.0.1')],
    floatingIps: [floatingIp('fip1', '203.0.113.5', 'p1', '10.0.0.5')],
    securityGroups: [group('sg-default', 'default', [...DEFAULT_RULES, ALLOW_ICMP, ALLOW_SSH])],
    admin: {
      l3Agents: [{ id: 'l3-1', host: 'net1', alive: true, adminStateUp: true }],
      dhcpAgents: [{ id: 'dhcp-1', host: 'net1', alive: true, adminStateUp: true }],
      computeService: { host: 'compute1', state: 'up', status: 'enabled' },
    },
    consoleLog: CONSOLE_LOG,
    localRoute: parseRouteGet('203.0.113.5 dev br-ex src 203.0.113.1 uid 1000 \n    cache \n'),
    probes: {
      ping: { sent: 3, received: 3, loss: 0, final: true },
      ssh: { target: '203.0.113.5', port: 22, ok: true, ms: 1.2, message: 'port 22 is open (connected in 1.2 ms)' },
    },
  };
}
