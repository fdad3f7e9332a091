// The lab exercise as the topology reads it: the external network "public", router r1 with its gateway there
// and an interface on private-subnet, instances vm1 (10.0.0.5, floating IP 203.0.113.5) and vm2 (10.0.0.6); and
// the same with a second network behind a second router. Built from the doctor's fixtures; each test changes a
// fresh copy.
import type { Server } from '../../../src/openstack/computeModels';
import type { Port } from '../../../src/openstack/networkModels';
import type { TopologyData } from '../../../src/features/topology/model/graph';
import { PROJECT, floatingIp, network, port, router, routerInterface, server, subnet } from '../doctor/topology';

export { PROJECT, floatingIp, network, port, router, server, subnet };

/** Router ROUTERID's interface on SUBNETID of NETWORKID. */
export const routerPort = (routerId: string, networkId: string, subnetId: string, ip: string): Port =>
  ({ ...routerInterface(routerId, subnetId, ip), networkId });

/** Instance ID (named NAME) with one port on private-subnet at IP. */
export function instance(id: string, name: string, ip: string, over: Partial<Server> = {}): { server: Server; port: Port } {
  return {
    server: server({ id, name, addresses: [{ network: 'private', addr: ip, version: 4, type: 'fixed' }], ...over }),
    port: port(`port-${id}`, 'private-id', 'private-subnet-id', ip, { deviceId: id }),
  };
}

export function exercise(): TopologyData {
  const vm1 = instance('vm1-id', 'vm1', '10.0.0.5');
  const vm2 = instance('vm2-id', 'vm2', '10.0.0.6');
  return {
    projectId: PROJECT,
    networks: [network('public-id', 'public', true), network('private-id', 'private')],
    subnets: [subnet('public-subnet-id', 'public-subnet', 'public-id', '203.0.113.0/24'), subnet('private-subnet-id', 'private-subnet', 'private-id', '10.0.0.0/24')],
    routers: [router('r1-id', 'r1', 'public-id')],
    ports: [routerPort('r1-id', 'private-id', 'private-subnet-id', '10.0.0.1'), vm1.port, vm2.port],
    servers: [vm1.server, vm2.server],
    floatingIps: [floatingIp('fip1', '203.0.113.5', vm1.port.id, '10.0.0.5')],
  };
}

/** The exercise and a network db (10.1.0.0/24) behind a second router r2, where vm1 has its first NIC (10.1.0.5). */
export function withDbNetwork(): TopologyData {
  const data = exercise();
  data.networks.push(network('db-id', 'db'));
  data.subnets.push(subnet('db-subnet-id', 'db-subnet', 'db-id', '10.1.0.0/24'));
  data.routers.push(router('r2-id', 'r2', 'public-id'));
  data.ports.push(routerPort('r2-id', 'db-id', 'db-subnet-id', '10.1.0.1'));
  data.ports.push({ ...data.ports[1], id: 'p-db', networkId: 'db-id', fixedIps: [{ subnetId: 'db-subnet-id', ipAddress: '10.1.0.5' }] });
  data.servers[0].addresses = [{ network: 'db', addr: '10.1.0.5', version: 4 }, { network: 'private', addr: '10.0.0.5', version: 4 }];
  return data;
}
