// Launch inputs: metadata pairs, flavor headroom against nova's limits and the image, the count, and the
// server create CLI line; plus the POSIX quoting every CLI line relies on.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { cliLine, shellQuote, uniqueNames } from '../../../src/core/cliLine';
import {
  countProblem, flavorHeadroom, formatMetadata, instanceNameProblem, launchCli, networkProblem, parseMetadata, quotaSummary,
  zeroDiskProblem, type LaunchSpec,
} from '../../../src/features/instances/model/launchInstanceInputs';
import type { ComputeLimits, Flavor } from '../../../src/openstack/computeModels';

const run = promisify(execFile);

const flavor = (name: string, vcpus: number, ram: number, disk: number): Flavor => ({ id: `f-${name}`, name, vcpus, ram, disk, isPublic: true, raw: {} });
const limits = (instances: [number, number], cores: [number, number], ram: [number, number]): ComputeLimits => ({
  instances: { used: instances[0], limit: instances[1] }, cores: { used: cores[0], limit: cores[1] }, ram: { used: ram[0], limit: ram[1] }, raw: {},
});

test('metadata: key=value pairs separated by commas, with nova\'s key rules', () => {
  assert.deepEqual(parseMetadata(''), { metadata: {} });
  assert.deepEqual(parseMetadata(' course=os101 , role = web,empty=, eq=a=b '), { metadata: { course: 'os101', role: 'web', empty: '', eq: 'a=b' } });
  assert.match(parseMetadata('course').problem ?? '', /'course' has no '='/);
  assert.match(parseMetadata('=v').problem ?? '', /no key before '='/);
  assert.match(parseMetadata('a/b=1').problem ?? '', /Key 'a\/b' may only have letters, digits, spaces and - _ : \./);
  assert.match(parseMetadata('a=1, a=2').problem ?? '', /Key 'a' is given twice/);
  assert.match(parseMetadata(`k=${'v'.repeat(256)}`).problem ?? '', /value of 'k' is longer than 255/);
  assert.match(parseMetadata(`${'k'.repeat(256)}=v`).problem ?? '', /longer than 255/);
  assert.match(parseMetadata('a=1, b=2, c=3', 2).problem ?? '', /At most 2 metadata items/);
  assert.equal(formatMetadata({ course: 'os101', role: 'web' }), 'course=os101, role=web');
});

test('instance names', () => {
  assert.equal(instanceNameProblem('vm1'), undefined);
  assert.match(instanceNameProblem('') ?? '', /Enter a name/);
  assert.match(instanceNameProblem(' vm') ?? '', /No spaces/);
});

test('a flavor fits while the quota has room for its instances, vCPUs and RAM', () => {
  const tiny = flavor('m1.tiny', 1, 512, 1);
  const room = limits([1, 10], [1, 20], [512, 51200]);
  assert.deepEqual(flavorHeadroom(tiny, room), { fits: true, reasons: [], maxCount: 9 });
  assert.equal(quotaSummary(room), 'Quota used: instances 1/10 · vCPUs 1/20 · RAM 512/51200 MiB');
  const large = flavor('m1.large', 4, 8192, 80);
  const tight = limits([3, 10], [18, 20], [49152, 51200]);
  const h = flavorHeadroom(large, tight);
  assert.equal(h.fits, false);
  assert.deepEqual(h.reasons, ['needs 4 vCPUs, 2 left of 20', 'needs 8192 MiB RAM, 2048 MiB left of 51200']);
  assert.equal(h.maxCount, 0);
  assert.deepEqual(flavorHeadroom(tiny, limits([10, 10], [10, 20], [5120, 51200])).reasons, ['no instances left (10 of 10 used)']);
  assert.equal(flavorHeadroom(tiny, limits([0, -1], [0, -1], [0, -1])).maxCount, Infinity);
  assert.equal(quotaSummary(limits([0, -1], [2, -1], [0, -1])), 'Quota used: instances 0/∞ · vCPUs 2/∞ · RAM 0/∞ MiB');
});

test('the count is checked against the room the quota leaves for the flavor', () => {
  const small = flavor('m1.small', 1, 2048, 20);
  const room = limits([1, 10], [1, 20], [2048, 10240]);
  const h = flavorHeadroom(small, room);
  assert.equal(h.maxCount, 4);   // RAM: 8192 MiB left / 2048
  assert.equal(countProblem('4', h), undefined);
  assert.match(countProblem('5', h) ?? '', /room for 4 more instances of this flavor/);
  assert.match(countProblem('0', h) ?? '', /1 or more/);
  assert.match(countProblem('two', h) ?? '', /1 or more/);
  assert.match(countProblem('1', { maxCount: 0 }) ?? '', /room for no more/);
  assert.deepEqual(flavorHeadroom(small, room, undefined, 5).reasons, ['needs 10240 MiB RAM for 5, 8192 MiB left of 10240']);
  assert.deepEqual(flavorHeadroom(small, limits([9, 10], [1, 20], [0, -1]), undefined, 2).reasons, ['2 instances, 1 left of 10']);
});

test("a flavor too small for the image's min_ram, min_disk or size does not fit", () => {
  const room = limits([0, 10], [0, 20], [0, 51200]);
  const tiny = flavor('m1.tiny', 1, 512, 1);
  assert.deepEqual(flavorHeadroom(tiny, room, { minDisk: 10, minRam: 1024, size: 2 * 1024 ** 3 }).reasons, [
    'the image needs at least 1024 MiB RAM', 'the image needs a root disk of at least 10 GiB', 'the image (2.0 GiB) is larger than the 1 GiB disk',
  ]);
  assert.equal(flavorHeadroom(flavor('zero', 1, 512, 0), room, { minDisk: 10, minRam: 0, size: 2 * 1024 ** 3 }).fits, true);
});

test('a zero-size root disk is for admins only, and a network without a subnet for no one', () => {
  assert.match(zeroDiskProblem(flavor('zero', 1, 512, 0), false) ?? '', /^a zero-size root disk: only admins may boot an image on it/);
  assert.equal(zeroDiskProblem(flavor('zero', 1, 512, 0), true), undefined);
  assert.equal(zeroDiskProblem(flavor('m1.tiny', 1, 512, 1), false), undefined);
  assert.match(networkProblem({ subnetIds: [] }) ?? '', /^no subnet: nova cannot give the instance an address on it/);
  assert.equal(networkProblem({ subnetIds: ['s'] }), undefined);
});

const spec: LaunchSpec = {
  name: 'web 1',
  image: { id: 'img-1', name: 'cirros', uniqueName: true },
  flavor: { id: 'f1', name: 'm1.tiny', uniqueName: true },
  networks: [{ id: 'net-1', name: 'private', uniqueName: true }, { id: 'net-2', name: 'dup', uniqueName: false }],
  securityGroups: [{ id: 'sg-1', name: 'default', uniqueName: true }, { id: 'sg-2', name: 'web' }],
  keyName: 'mykey',
  metadata: { course: 'os101', note: "it's mine" },
  userDataFile: '/home/s/cloud init.yaml',
  count: 2,
};

test('the launch as an openstack CLI line: names when unique, ids when not', () => {
  assert.equal(launchCli(spec, { cloud: 'devcloud' }),
    "openstack --os-cloud devcloud server create --image cirros --flavor m1.tiny --network private --network net-2 " +
    "--security-group default --security-group web --key-name mykey --property course=os101 --property 'note=it'\\''s mine' " +
    "--user-data '/home/s/cloud init.yaml' --min 2 --max 2 'web 1'");
  assert.equal(launchCli({ ...spec, networks: 'auto', securityGroups: [], keyName: undefined, metadata: {}, userDataFile: undefined, count: 1 }, {}),
    "openstack --os-compute-api-version 2.37 server create --image cirros --flavor m1.tiny --nic auto --wait 'web 1'");
  // a CLI line names a resource by its name only where that name is unique in its own list and does not read as an id
  const id = '0f2a3b4c-1d2e-4f50-8a6b-7c8d9e0f1a2b';
  assert.deepEqual([...uniqueNames([{ id: '1', name: 'a' }, { id: '2', name: 'b' }, { id: '3', name: 'a' }, { id: '4', name: id }], [{ id: '5', name: 'a' }])],
    [['2', 'b'], ['5', 'a']]);
});

test('POSIX quoting survives a real shell: every argument comes back byte for byte', async () => {
  const args = ['plain', 'with space', "it's", 'a"b', '$HOME', '`id`', 'back\\slash', '*', '~', '=x', 'semi;colon', 'new\nline', '', 'ünï', '-x', 'a|b&c'];
  const line = cliLine({}, args).replace(/^openstack /, '');
  const { stdout } = await run('sh', ['-c', `for a in ${line}; do printf '%s\\0' "$a"; done`]);
  assert.deepEqual(stdout.split('\0').slice(0, -1), args);
  assert.equal(shellQuote('0.0.0.0/0'), '0.0.0.0/0');
  assert.equal(shellQuote('k=v'), 'k=v');
  assert.equal(shellQuote(''), "''");
});
