// The compute/image/key pair/security group refusals, with the fault texts captured from the dev cloud
// (nova 2.93, neutron, glance) when they were provoked for real.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainRefusal } from '../../../src/core/refusals';
import { OpenStackError } from '../../../src/openstack/errors';

function fault(service: string, status: number, text: string, faultType?: string): OpenStackError {
  return new OpenStackError({ kind: 'http', service, status, text, serviceMessage: text, faultType, method: 'POST', url: 'http://127.0.0.1/x' });
}

const said = (e: OpenStackError) => explainRefusal(e)?.message ?? '';

test('nova quota: which quota, how much is used of the limit, and what to do', () => {
  assert.equal(said(fault('Nova', 403, 'Quota exceeded for instances: Requested 11, but already used 3 of 10 instances', 'forbidden')),
    "This launch needs 11 instances, but the project's instance quota has 3 of 10 in use (7 left): launch fewer, delete instances you no longer need, " +
    'or ask an admin to raise the quota. (Nova said: Quota exceeded for instances: Requested 11, but already used 3 of 10 instances)');
  assert.match(said(fault('Nova', 403, 'Quota exceeded for cores: Requested 2, but already used 0 of 1 cores', 'forbidden')),
    /^This launch needs 2 vCPUs, but the project's vCPU quota has 0 of 1 vCPU in use \(1 vCPU left\): pick a smaller flavor/);
  assert.match(said(fault('Nova', 403, 'Quota exceeded for cores, ram: Requested 4, but already used 18 of 20 cores', 'forbidden')),
    /vCPU quota has 18 of 20 vCPUs in use \(2 vCPUs left\).* The RAM quota is short too\./);
  // Neutron's quota text keeps the general wording
  assert.doesNotMatch(said(fault('Neutron', 409, "Quota exceeded for resources: ['security_group'].", 'OverQuota')), /This launch/);
});

test('more than one network and no choice: the launch must name one', () => {
  assert.match(said(fault('Nova', 409, 'Multiple possible networks found, use a Network ID to be more specific.', 'conflictingRequest')),
    /more than one network.*choose the network/);
});

test('key pairs: a name clash is the user\'s (not the project\'s), bad data, unknown key_name', () => {
  assert.match(said(fault('Nova', 409, "Key pair 'mykey' already exists.", 'conflictingRequest')),
    /^You already have a key pair named 'mykey' \(key pairs belong to your user, in every project\)/);
  assert.match(said(fault('Nova', 400, 'Keypair data is invalid: failed to generate fingerprint', 'badRequest')), /could not read that public key/);
  const unknown = explainRefusal(fault('Nova', 400, 'Invalid key_name provided.', 'badRequest'));
  assert.match(unknown?.message ?? '', /no key pair of that name/);
  assert.equal(unknown?.fix?.command, 'openstack.importKeypair');
});

test('security groups: duplicate rule, default, in use, unknown at launch', () => {
  assert.match(said(fault('Neutron', 409, 'Security group rule already exists. Rule id is 2889b2ef-8a37-4628-8f4b-f665c6817d9a.', 'SecurityGroupRuleExists')),
    /^The group already has this rule: nothing to add\./);
  assert.match(said(fault('Neutron', 409, 'Default security group already exists.', 'SecurityGroupDefaultAlreadyExists')), /its own 'default'/);
  assert.match(said(fault('Neutron', 409, 'Security Group 5f1c0a9e-0b8e-4f0e-9a55-5cfd1b1b2d7e in use.', 'SecurityGroupInUse')), /^Instances still use this security group/);
  assert.match(said(fault('Nova', 400, "Unable to find security_group with name or id 'web'", 'badRequest')), /no security group 'web'/);
  assert.match(said(fault('Neutron', 409, 'Insufficient rights for removing default security group.', 'SecurityGroupCannotRemoveDefault')), /'default' security group cannot be deleted/);
});

test('flavor smaller than the image, image not active', () => {
  assert.match(said(fault('Nova', 400, "Flavor's memory is too small for requested image.", 'badRequest')), /^The flavor's memory is smaller than the image needs \(its minimum RAM/);
  assert.match(said(fault('Nova', 400, "Flavor's disk is too small for requested image. Flavor disk is 1073741824 bytes, image is 2147483648 bytes.", 'badRequest')), /minimum disk/);
  assert.match(said(fault('Nova', 400, 'Image 6f0e7a4e-1111-2222-3333-444455556666 is not active.', 'badRequest')), /not active/);
});
