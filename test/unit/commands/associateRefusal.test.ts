// Associate and allocate-with-port when Neutron refuses because no router joins the port's subnet to the floating
// IP's network: the refusal the user sees names the subnet and offers the fix for the router that exists, from a
// look-up made only after that refusal, filtered to the subnet and the project.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allocateFloatingIp, associateFloatingIp } from '../../../src/features/networks/model/networkActions';
import { Refused } from '../../../src/core/refusals';
import type { Target } from '../../../src/core/target';
import type { OpenStackClient } from '../../../src/openstack/client';
import { OpenStackError } from '../../../src/openstack/errors';
import type { Network, Port, Router, Subnet } from '../../../src/openstack/networkModels';

const SAID = 'External network ext-id is not reachable from subnet sub-id.  Therefore, cannot associate Port p1 with a Floating IP.';
const unreachable = () => new OpenStackError({ kind: 'http', status: 404, faultType: 'ExternalGatewayForFloatingIPNotFound', serviceMessage: SAID, text: SAID, service: 'Neutron' });

const router = (id: string, gateway?: string, project = 'demo'): Router => ({
  id, name: id, status: 'ACTIVE', adminStateUp: true, gateway: gateway ? { networkId: gateway, externalFixedIps: [] } : undefined, raw: { project_id: project },
});
const subnet: Subnet = {
  id: 'sub-id', name: 'private', networkId: 'net', cidr: '10.0.0.0/24', ipVersion: 4, gatewayIp: '10.0.0.1', enableDhcp: true, allocationPools: [], dnsNameservers: [], raw: {},
};
const ext = { id: 'ext-id', name: 'public' } as Network;
const routerPort = (routerId: string): Port => ({
  id: `${routerId}-if`, name: '', networkId: 'net', deviceId: routerId, deviceOwner: 'network:router_interface', status: 'ACTIVE', macAddress: '',
  securityGroupIds: [], fixedIps: [{ subnetId: 'sub-id', ipAddress: '10.0.0.1' }], raw: {},
});

/** A client whose association is refused, answering the look-ups from ROUTERS and ROUTERPORTS and recording them. */
function refusingTarget(routers: Router[], routerPorts: Port[]): { target: Target; requests: string[] } {
  const requests: string[] = [];
  const list = <T>(what: string, items: T[]) => ({ toArray: async () => { requests.push(what); return items; } });
  const network = {
    associateFloatingIp: async () => { throw unreachable(); },
    allocateFloatingIp: async () => { throw unreachable(); },
    subnet: async (id: string) => { requests.push(`subnet ${id}`); return subnet; },
    network: async (id: string) => { requests.push(`network ${id}`); return ext; },
    routerInterfaces: (q: { subnetId: string }) => list(`router interfaces on ${q.subnetId}`, routerPorts),
    routers: (q: { projectId?: string; ids?: string[] }) => q.ids
      ? list(`routers ${q.ids.join(',')}`, routers.filter((r) => q.ids!.includes(r.id)))
      : list(`routers of ${q.projectId}`, routers.filter((r) => r.raw.project_id === q.projectId)),
  };
  return { target: { cloud: 'c', projectId: 'demo', client: { network } as unknown as OpenStackClient }, requests };
}

async function refusal(promise: Promise<unknown>): Promise<Refused> {
  const err = await promise.then(() => assert.fail('expected a refusal'), (e: unknown) => e);
  assert.ok(err instanceof Refused, `not re-said: ${String(err)}`);
  return err;
}

test('the subnet has a router without the gateway: Set Router Gateway on it, naming the subnet; 4 look-ups filtered to it', async () => {
  const { target, requests } = refusingTarget([router('r1')], [routerPort('r1')]);
  const refused = await refusal(associateFloatingIp({ floatingIpId: 'f1', portId: 'p1' }, target));
  assert.equal(refused.message, `Router r1 serves subnet private (10.0.0.0/24) but has no external gateway: set one on public. (Neutron said: ${SAID})`);
  assert.equal(refused.fix?.title, 'Set Router Gateway on r1…');
  assert.equal(refused.fix?.command, 'openstack.setRouterGateway');
  assert.deepEqual(requests.sort(), ['network ext-id', 'router interfaces on sub-id', 'routers of demo', 'subnet sub-id']);
});

test('the project has a router with the gateway but no interface on the subnet: Add Router Interface on it, with the subnet preselected', async () => {
  const { target } = refusingTarget([router('r1', 'ext-id')], []);
  const refused = await refusal(allocateFloatingIp({ floatingNetworkId: 'ext-id', portId: 'p1' }, target));
  assert.match(refused.message, /^No router connects subnet private \(10\.0\.0\.0\/24\): add an interface on it to router r1\. \(Neutron said/);
  assert.equal(refused.fix?.title, 'Add Router Interface on r1…');
  assert.equal((refused.fix?.args?.[0] as { subnetId: string }).subnetId, 'sub-id');
});

test('Create Router… only when the project has no router; another project\'s router on the subnet is looked up by its ID', async () => {
  const none = refusingTarget([], []);
  assert.deepEqual((await refusal(associateFloatingIp({ floatingIpId: 'f1', portId: 'p1' }, none.target))).fix, { title: 'Create Router…', command: 'openstack.createRouter' });
  const theirs = refusingTarget([router('theirs', undefined, 'other')], [routerPort('theirs')]);
  const refused = await refusal(associateFloatingIp({ floatingIpId: 'f1', portId: 'p1' }, theirs.target));
  assert.equal(refused.fix?.title, 'Set Router Gateway on theirs…');
  assert.ok(theirs.requests.includes('routers theirs'));
});

test('when the look-up fails, Neutron\'s refusal comes through as it was', async () => {
  const { target } = refusingTarget([], []);
  (target.client.network as unknown as { subnet: () => Promise<never> }).subnet = async () => { throw new Error('gone'); };
  const err = await associateFloatingIp({ floatingIpId: 'f1', portId: 'p1' }, target).catch((e: unknown) => e);
  assert.ok(err instanceof OpenStackError);
  assert.equal(err.faultType, 'ExternalGatewayForFloatingIPNotFound');
});
