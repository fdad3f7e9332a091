// Neutron's refusals as the dev cloud (Neutron, Zed) sent them, captured with the extension's own client, and
// what the user is told.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainRefusal, Refused, unreachableFromSubnet } from '../../../src/core/refusals';
import { OpenStackError } from '../../../src/openstack/errors';

function neutron(status: number, faultType: string, serviceMessage: string): OpenStackError {
  return new OpenStackError({ kind: 'http', status, faultType, serviceMessage, text: serviceMessage, service: 'Neutron', method: 'PUT', url: 'http://127.0.0.1:9696/v2.0/x' });
}

const explain = (e: unknown) => {
  const r = explainRefusal(e);
  assert.ok(r, 'a refusal');
  return r;
};

const UNREACHABLE = 'External network 316ec373-2628-43ee-983e-3f05aecb7e63 is not reachable from subnet 4355a030-cc67-4c83-9036-b48c8649591f. Therefore, cannot associate Port 76346cc8-91d8-40ec-8556-741601892778 with a Floating IP.';

test('associating a floating IP with a port no router reaches: without a look at the routers, the IDs and no fix button (which one depends on them)', () => {
  const r = explain(neutron(404, 'ExternalGatewayForFloatingIPNotFound', UNREACHABLE));
  assert.match(r.message, /^No router connects subnet 4355a030-cc67-4c83-9036-b48c8649591f to external network 316ec373-2628-43ee-983e-3f05aecb7e63: create a router/);
  assert.match(r.message, /\(Neutron said: External network 316ec373/);
  assert.equal(r.fix, undefined);
});

test('the network and subnet of that refusal, for the commands to look them up', () => {
  assert.deepEqual(unreachableFromSubnet(neutron(404, 'ExternalGatewayForFloatingIPNotFound', UNREACHABLE)), {
    externalNetworkId: '316ec373-2628-43ee-983e-3f05aecb7e63', subnetId: '4355a030-cc67-4c83-9036-b48c8649591f', said: `(Neutron said: ${UNREACHABLE})`,
  });
  assert.equal(unreachableFromSubnet(neutron(409, 'OverQuota', "Quota exceeded for resources: ['floatingip'].")), undefined);
  assert.equal(unreachableFromSubnet(new Error(UNREACHABLE)), undefined);
});

test('a router interface on a subnet created with gateway "none"', () => {
  const r = explain(neutron(400, 'BadRequest', 'Bad router request: Subnet for router interface must have a gateway IP.'));
  assert.match(r.message, /^A router interface takes the subnet's gateway IP, and this subnet was created without one \(gateway "none"\)/);
});

test('a member setting admin-only fields is told which fields, and that admin is needed', () => {
  const flat = explain(neutron(403, 'PolicyNotAuthorized', '((rule:create_network and rule:create_network:provider:network_type) and rule:create_network:provider:physical_network) is disallowed by policy'));
  assert.match(flat.message, /^Only an admin may set provider:network_type, provider:physical_network \(provider fields, external and shared networks are admin-only by default\)/);
  const external = explain(neutron(403, 'PolicyNotAuthorized', '(rule:create_network and rule:create_network:router:external) is disallowed by policy'));
  assert.match(external.message, /^Only an admin may set router:external /);
  const shared = explain(neutron(403, 'PolicyNotAuthorized', '(rule:create_network and rule:create_network:shared) is disallowed by policy'));
  assert.match(shared.message, /^Only an admin may set shared /);
});

test('quota exceeded names the resource in words', () => {
  assert.match(explain(neutron(409, 'OverQuota', "Quota exceeded for resources: ['network'].")).message,
    /^The project's network quota is used up: delete networks you no longer need, or ask an admin to raise the quota\./);
  assert.match(explain(neutron(409, 'OverQuota', "Quota exceeded for resources: ['floatingip'].")).message, /^The project's floating IP quota is used up: delete floating IPs/);
  assert.match(explain(neutron(409, 'OverQuota', "Quota exceeded for resources: ['router'].")).message, /^The project's router quota is used up/);
});

test('CIDR overlap on the network, and on the router', () => {
  assert.match(explain(neutron(400, 'InvalidInput', 'Invalid input for operation: Requested subnet with cidr: 10.123.0.0/25 for network: f4356bef-cfba-467e-bea2-0330314188a5 overlaps with another subnet.')).message,
    /^10\.123\.0\.0\/25 overlaps a subnet already on this network: pick another range/);
  assert.match(explain(neutron(400, 'BadRequest', 'Bad router request: Cidr 10.125.0.0/24 of subnet 8e205276-5c84-4fd8-aa86-161e0cc602d2 overlaps with cidr 10.125.0.0/24 of subnet 133e2d09-2904-4026-b96e-319aba40b55c.')).message,
    /^The subnet's range 10\.125\.0\.0\/24 overlaps 10\.125\.0\.0\/24, which is already attached to this router/);
});

test('what is still in use says what to remove first, with Tear Down where it helps', () => {
  const router = explain(neutron(409, 'RouterInUse', 'Router 53e2a192-28c7-4934-b90e-4b9e27995567 has ports still attached: 22ff2bff-de7c-4ca3-8539-edc46ed21715'));
  assert.match(router.message, /^The router still has interfaces on subnets/);
  assert.equal(router.fix?.command, 'openstack.teardownRouter');
  assert.match(explain(neutron(409, 'SubnetInUse', 'Unable to complete operation on subnet 4355a030-cc67-4c83-9036-b48c8649591f: One or more ports have an IP allocation from this subnet.')).message,
    /^The subnet is still in use/);
  assert.match(explain(neutron(409, 'NetworkInUse', 'Unable to complete operation on network f4356bef-cfba-467e-bea2-0330314188a5. There are one or more ports still in use on the network, id for these ports is: 76346cc8-91d8-40ec-8556-741601892778.')).message,
    /^The network is still in use/);
  const fips = explain(neutron(409, 'RouterInterfaceInUseByFloatingIP', 'Router interface for subnet 4355a030 on router 53e2a192 cannot be deleted, as it is required by one or more floating IPs.'));
  assert.equal(fips.fix?.command, 'openstack.teardownRouter');
});

test('other router refusals: interface twice, gateway on a project network, interface gone', () => {
  assert.match(explain(neutron(400, 'BadRequest', 'Bad router request: Router already has a port on subnet 4355a030-cc67-4c83-9036-b48c8649591f.')).message, /^That subnet is already attached to this router/);
  assert.match(explain(neutron(400, 'BadRequest', 'Bad router request: Network f4356bef-cfba-467e-bea2-0330314188a5 is not an external network.')).message, /^A router's gateway must be on an external network/);
  assert.match(explain(neutron(404, 'RouterInterfaceNotFoundForSubnet', 'Router 480445c1-fc71-415f-a03a-ee0ec82fe92a has no interface on subnet 8e205276-5c84-4fd8-aa86-161e0cc602d2')).message, /^The router has no interface on that subnet/);
  assert.match(explain(neutron(409, 'FloatingIPPortAlreadyAssociated', 'Cannot associate floating IP 203.0.113.106 (0b0dffda-b9af-452a-a28a-2281ad38bce8) with port 76346cc8-91d8-40ec-8556-741601892778 using fixed IP 10.123.0.129, as that fixed IP already has a floating IP on external network 316ec373-2628-43ee-983e-3f05aecb7e63.')).message,
    /^That address already has a floating IP/);
});

test('a refusal found before sending (a name clash) is shown as is, with its fix', () => {
  assert.deepEqual(explainRefusal(new Refused("A network named 'private' already exists in this project: choose another name.")), { message: "A network named 'private' already exists in this project: choose another name.", fix: undefined });
  assert.equal(explainRefusal(new Refused('x', { title: 'Create Router…', command: 'openstack.createRouter' }))?.fix?.command, 'openstack.createRouter');
  assert.equal(explainRefusal(new Error('plain')), undefined);
});
