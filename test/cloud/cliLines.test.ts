// Every "Copy as openstack CLI" line the product builds, run as a user would paste it (`sh -c LINE`) with the
// real openstack CLI against the dev cloud, for resources whose names start with "-" (which the CLI's parser
// would otherwise read as options: `-h…` prints help and exits 0 without creating anything). Each line's
// effect is then read back through the CLI.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { imageUploadCli } from '../../src/features/images/model/imagesFormat';
import { keypairImportCli } from '../../src/features/keypairs/model/keypairsFormat';
import { launchCli } from '../../src/features/instances/model/launchInstanceInputs';
import { associateCli, floatingIpCli, networkCli, routerCli, routerGatewayCli, routerInterfaceCli, subnetCli } from '../../src/features/networks/model/networkCli';
import { securityGroupCli, securityGroupRuleCli } from '../../src/features/securityGroups/model/securityGroupsRules';
import { FAKE_AZ, GUEST_IMAGE, cloudsYaml, ensureDevcloud, openstack } from '../support/devcloud';
import { snapshotCreateCli, volumeAttachCli, volumeCreateCli, volumeDetachCli, volumeExtendCli } from '../../src/features/volumes/model/volumesFormat';
import { runTag } from './helpers';

const run = promisify(execFile);
const demo = { cloud: 'devcloud' };
/** Names the CLI would take for options: `-h` is its help flag, `-c` its column selector. */
const name = (what: string) => `-h${runTag}-${what}`;
const net = name('net');
const sub = `-c 2 ${runTag}-sub`;
const router = name('router');
const group = name('sg');
const undo: string[][] = [];
const dir = mkdtempSync(join(tmpdir(), 'cli-lines-'));

/** Runs LINE (one or more commands, one per line) as a POSIX shell would, as pasted by the user. */
async function paste(line: string): Promise<string> {
  const { stdout } = await run('sh', ['-e', '-c', line], {
    env: { ...process.env, OS_CLIENT_CONFIG_FILE: cloudsYaml, PATH: `/usr/bin:/bin:${process.env.PATH ?? ''}` }, maxBuffer: 16 << 20,
  });
  assert.doesNotMatch(stdout, /^usage: openstack/m, `the CLI printed its help instead of running:\n${line}`);
  return stdout;
}

/** The resource KIND named NAME as the CLI shows it (its positional argument after `--`). */
const show = (kind: string[], resource: string) => openstack<Record<string, unknown>>('devcloud', [...kind, 'show', '-f', 'json', '--', resource]);

before(ensureDevcloud);
after(async () => {
  for (const args of undo.reverse()) await openstack('devcloud', args).catch((err: unknown) => console.error('cleanup:', err));
  rmSync(dir, { recursive: true, force: true });
});

describe('Copy as openstack CLI: each copied line runs with the real CLI, names starting with "-" included', { concurrency: false }, () => {
  let netId = '';
  let subId = '';

  it('network create with its subnet (`--` before the names, `--network=-…` for the option)', async () => {
    const line = networkCli(demo, { name: net, subnet: { name: sub, cidr: '10.213.9.0/24', ipVersion: 4, enableDhcp: true, dnsNameservers: [] } });
    assert.match(line, / -- '?-h/);
    await paste(line);
    netId = String((await show(['network'], net)).id);
    undo.push(['network', 'delete', netId]);
    const subnet = await show(['subnet'], sub);
    subId = String(subnet.id);
    assert.equal(subnet.network_id, netId);
    assert.equal(subnet.cidr, '10.213.9.0/24');
  });

  it('subnet create on a network named by its "-…" name', async () => {
    const extra = name('sub2');
    await paste(subnetCli(demo, { networkId: netId, name: extra, cidr: '10.213.10.0/24', ipVersion: 4, gatewayIp: null, enableDhcp: false, dnsNameservers: [] }, new Map([[netId, net]])));
    const subnet = await show(['subnet'], extra);
    assert.deepEqual([subnet.network_id, subnet.gateway_ip, subnet.enable_dhcp], [netId, null, false]);
  });

  it('router create with a gateway and an interface, gateway unset and set, interface removed', async () => {
    const names = new Map([[subId, sub]]);
    const ext = String((await openstack<Record<string, unknown>>('devcloud', ['network', 'show', '-f', 'json', 'ext'])).id);
    await paste(routerCli(demo, { name: router, gatewayNetworkId: ext, subnetIds: [subId] }, names));
    const created = await show(['router'], router);
    undo.push(['router', 'delete', String(created.id)]);
    assert.equal((created.external_gateway_info as { network_id?: string } | null)?.network_id, ext);
    const ports = await openstack<{ ID: string }[]>('devcloud', ['port', 'list', '-f', 'json', '--router', String(created.id), '--device-owner', 'network:router_interface']);
    assert.equal(ports.length, 1, 'router add subnet attached the subnet');

    await paste(routerGatewayCli(demo, router, undefined, names));
    assert.equal((await show(['router'], router)).external_gateway_info, null);
    await paste(routerGatewayCli(demo, router, ext, new Map([[ext, 'ext']])));
    assert.equal(((await show(['router'], router)).external_gateway_info as { network_id?: string }).network_id, ext);
    await paste(routerInterfaceCli(demo, router, subId, false, names));
    const left = await openstack<unknown[]>('devcloud', ['port', 'list', '-f', 'json', '--router', String(created.id), '--device-owner', 'network:router_interface']);
    assert.equal(left.length, 0, 'router remove subnet detached it');
    await paste(routerInterfaceCli(demo, router, subId, true, names));
    undo.push(['router', 'remove', 'subnet', String(created.id), subId]);   // before the router's own delete
  });

  it('floating ip create with a "-…" description, and floating ip set --port', async () => {
    const ext = String((await openstack<Record<string, unknown>>('devcloud', ['network', 'show', '-f', 'json', 'ext'])).id);
    const description = `-c ${runTag} fip`;
    await paste(floatingIpCli(demo, { floatingNetworkId: ext, description }, new Map([[ext, 'ext']])));
    const fips = await openstack<{ ID: string; 'Floating IP Address': string }[]>('devcloud', ['floating', 'ip', 'list', '-f', 'json', '--long']);
    const fip = (await Promise.all(fips.map((f) => openstack<Record<string, unknown>>('devcloud', ['floating', 'ip', 'show', '-f', 'json', f.ID]))))
      .find((f) => f.description === description);
    assert.ok(fip, 'a floating IP with the description');
    undo.push(['floating', 'ip', 'delete', String(fip.id)]);
    // on the subnet behind the router, so that ext reaches it
    const port = await openstack<Record<string, unknown>>('devcloud', ['port', 'create', '-f', 'json', '--network', netId, '--fixed-ip', `subnet=${subId}`, `${runTag}-port`]);
    undo.push(['port', 'delete', String(port.id)]);
    await paste(associateCli(demo, { floatingIpId: String(fip.id), portId: String(port.id) }, String(fip.floating_ip_address)));
    assert.equal((await openstack<Record<string, unknown>>('devcloud', ['floating', 'ip', 'show', '-f', 'json', String(fip.id)])).port_id, port.id);
  });

  it('security group create and its rules, by the group\'s "-…" name', async () => {
    await paste([
      securityGroupCli({ name: group, description: '-h a description' }, demo),
      securityGroupRuleCli(group, { direction: 'ingress', protocol: 'tcp', portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: '0.0.0.0/0', description: '-c ssh' }, demo),
    ].join('\n'));
    const sg = await show(['security', 'group'], group);
    undo.push(['security', 'group', 'delete', String(sg.id)]);
    assert.equal(sg.description, '-h a description');
    const rules = sg.rules as { direction: string; port_range_min: number | null; description: string }[];
    assert.ok(rules.some((r) => r.direction === 'ingress' && r.port_range_min === 22 && r.description === '-c ssh'), JSON.stringify(rules));
  });

  it('keypair create --public-key FILE NAME', async () => {
    const key = name('key');
    const file = join(dir, 'id.pub');
    writeFileSync(file, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq0LGYfjsVsIzUMbgMBBqn5nDNEyKp6a8tLGbj8ouKx cli-lines\n');
    await paste(keypairImportCli({ name: key, file, publicKey: { type: 'ssh-ed25519', line: '' } }, demo));
    undo.push(['keypair', 'delete', '--', key]);
    assert.equal((await show(['keypair'], key)).type, 'ssh');
  });

  const image = name('image');

  it('image create from a file', async () => {
    const file = join(dir, 'disk.raw');
    writeFileSync(file, Buffer.alloc(4096));
    await paste(imageUploadCli({ file, name: image, diskFormat: 'raw', containerFormat: 'bare', visibility: 'private' }, demo));
    const shown = await show(['image'], image);
    undo.push(['image', 'delete', String(shown.id)]);
    assert.deepEqual([shown.disk_format, shown.size], ['raw', 4096]);
  });

  it('volume create (blank, from a snapshot), volume set --size, snapshot create --force, server add/remove volume, for "-…" names', async () => {
    const vol = name('vol');
    const snap = name('snap');
    const copy = name('volcopy');
    const status = async (kind: string[], n: string, want: string) => {
      for (let i = 0; i < 120; i++) {
        const r = await show(kind, n);
        if (r.status === want) return r;
        assert.ok(!String(r.status).startsWith('error'), `${n} went ${String(r.status)}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      assert.fail(`${n} never ${want}`);
    };
    await paste(volumeCreateCli(demo, { name: vol, size: 1, source: { kind: 'blank' } }));
    const volume = await status(['volume'], vol, 'available');
    const volId = String(volume.id);
    undo.push(['volume', 'delete', volId]);
    await paste(volumeExtendCli(demo, volId, 2));
    assert.equal((await status(['volume'], vol, 'available')).size, 2);
    // an instance on the fake host to attach it to (the CLI's --nic none needs microversion 2.37)
    const vm = String((await openstack<Record<string, unknown>>('devcloud', ['--os-compute-api-version', '2.37', 'server', 'create', '--flavor', 'm1.tiny',
      '--image', GUEST_IMAGE, '--availability-zone', FAKE_AZ, '--nic', 'none', '--wait', '-f', 'json', '--', name('volvm')])).id);
    undo.push(['server', 'delete', '--wait', vm]);
    await paste(volumeAttachCli(demo, vm, volId));
    await status(['volume'], vol, 'in-use');
    await paste(snapshotCreateCli(demo, volId, snap, true));
    const snapshot = await status(['volume', 'snapshot'], snap, 'available');
    undo.push(['volume', 'snapshot', 'delete', String(snapshot.id)]);
    await paste(volumeDetachCli(demo, vm, volId));
    await status(['volume'], vol, 'available');
    await paste(volumeCreateCli(demo, { name: copy, size: 2, source: { kind: 'snapshot', id: String(snapshot.id), name: snap } }));
    const made = await status(['volume'], copy, 'available');
    undo.push(['volume', 'delete', String(made.id)]);
    assert.equal(made.snapshot_id, snapshot.id);
  });

  it('server create booting from a new volume (--boot-from-volume), on the fake host', async () => {
    const vm = name('bfv');
    const [guest] = await openstack<{ ID: string }[]>('devcloud', ['image', 'list', '--name', GUEST_IMAGE, '-f', 'json']);
    const line = launchCli({
      name: vm, image: { id: guest.ID, name: GUEST_IMAGE }, flavor: { id: 'unused', name: 'm1.tiny' }, networks: [{ id: 'unused', name: net }], securityGroups: [], metadata: {}, count: 1,
      bootVolume: { size: 1, deleteOnTermination: false },
    }, demo);
    assert.match(line, / --image devcloud-guest --boot-from-volume 1 /);
    // the zone is the test's, not the line's: the fake host's instances need no guest
    await paste(line.replace(' server create ', ` server create --availability-zone ${FAKE_AZ} `));
    const server = await show(['server'], vm);
    undo.push(['server', 'delete', '--wait', String(server.id)]);
    assert.equal(server.status, 'ACTIVE', `nova's fault: ${JSON.stringify(server.fault)}`);
    assert.match(String(server.image), /booted from volume/);
    // the volume the line made stays after the instance (what bootVolumeCliNote says): deleted after it
    const attached = server.volumes_attached as { id: string }[];
    assert.equal(attached.length, 1);
    undo.splice(undo.length - 1, 0, ['volume', 'delete', attached[0].id]);
  });

  it('server create from a "-…" image on a "-…" network with a "-…" group and key pair, named "-…"', async () => {
    const vm = name('vm');
    const key = name('vmkey');
    const file = join(dir, 'vm.pub');
    writeFileSync(file, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq0LGYfjsVsIzUMbgMBBqn5nDNEyKp6a8tLGbj8ouKx cli-lines\n');
    await paste(keypairImportCli({ name: key, file, publicKey: { type: 'ssh-ed25519', line: '' } }, demo));
    undo.push(['keypair', 'delete', '--', key]);
    const ref = (n: string) => ({ id: 'unused', name: n });
    await paste(launchCli({
      name: vm, image: ref(image), flavor: ref('m1.tiny'), networks: [ref(net)], securityGroups: [ref(group)], keyName: key,
      metadata: { '-h': '-c' }, count: 1,
    }, demo));
    const server = await show(['server'], vm);
    undo.push(['server', 'delete', '--wait', String(server.id)]);
    assert.equal(server.status, 'ACTIVE', `nova's fault: ${JSON.stringify(server.fault)}`);
    assert.equal(server.key_name, key);
    assert.match(JSON.stringify(server.addresses), new RegExp(net.replace(/[-]/g, '\\-')));
  });
});
