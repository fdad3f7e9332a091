// What the APIs returned for one instance, gathered by the command before the checklist runs: the doctor's
// only input, so that every check is a pure function of it. Pure: no vscode import.
import type { NovaService, Server } from '../../../openstack/computeModels';
import type { Agent, FloatingIp, Network, Port, Router, SecurityGroup, Subnet } from '../../../openstack/networkModels';
import type { PingSummary, TcpResult } from '../../console/model/protocol';

/** A Neutron agent (`GET /v2.0/routers/{id}/l3-agents`, `/networks/{id}/dhcp-agents`). */
export type AgentState = Agent;

/** Nova's `os-services` entry for the instance's host. */
export type ComputeServiceState = Pick<NovaService, 'host' | 'state' | 'status'>;

/**
 * What policy shows only to admins. The whole view is undefined for a member, and each field undefined when
 * its request was refused: the checks then say "unknown", never "passed".
 */
export interface AdminView {
  /** The L3 agents hosting the path's router. */
  l3Agents?: AgentState[];
  /** The DHCP agents hosting the port's network. */
  dhcpAgents?: AgentState[];
  computeService?: ComputeServiceState;
}

/** `ip route get <floating IP>` on this machine, parsed by parseRouteGet. */
export type LocalRoute =
  | { kind: 'route'; line: string; dev?: string; via?: string; src?: string }
  | { kind: 'error'; line: string };

/** The live probes from this machine to the floating IP; each undefined when it was not run. */
export interface Probes {
  ping?: PingSummary;
  ssh?: TcpResult;
}

export interface ReachabilitySnapshot {
  server: Server;
  /** The instance's ports. */
  ports: Port[];
  /** The subnets of those ports (others are ignored). */
  subnets: Subnet[];
  /** The ports' networks and the external networks. */
  networks: Network[];
  routers: Router[];
  /** Router interface ports (any of ROUTER_INTERFACE_OWNERS): they join subnets to routers. */
  routerPorts: Port[];
  /** The floating IPs the project sees: the instance's, and free ones a fix could reuse. */
  floatingIps: FloatingIp[];
  /** The groups of the instance's ports, with their rules. */
  securityGroups: SecurityGroup[];
  /** The floating IP the user asked about (Diagnose on a floating IP); otherwise the instance's first. */
  focusFloatingIpId?: string;
  /** Undefined: not an admin (or every admin request was refused). */
  admin?: AdminView;
  /** The console log text, when it could be read. */
  consoleLog?: string;
  /** This machine's address toward the floating IP; defaults to the local route's src. */
  localAddress?: string;
  localRoute?: LocalRoute;
  probes?: Probes;
}
